package dev.callcoach.backend.testing;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import dev.callcoach.simulator.twilio.CallerScript;
import dev.callcoach.simulator.twilio.FakeTwilio;
import dev.callcoach.simulator.twilio.RedirectingHttpClient;
import dev.callcoach.simulator.twilio.SimulatedCall;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * FakeTwilio in front of the backend under test, and the official SDK pointed at it: calls are
 * created exactly as the webapp creates them, and Twilio's requests reach the backend as if through
 * its public URL.
 */
public final class SimulatedTwilio implements AutoCloseable {

    /** The backend's auth token in the test profile; FakeTwilio signs with it. */
    public static final String AUTH_TOKEN = "test-twilio-auth-token";
    public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String FROM = "+15005550006";

    private final FakeTwilio twilio;
    private final TwilioRestClient rest;

    private SimulatedTwilio(FakeTwilio twilio) {
        this.twilio = twilio;
        this.rest = RedirectingHttpClient.client(twilio.baseUrl(), ACCOUNT_SID, AUTH_TOKEN);
    }

    /** @param backend where the test's backend listens, e.g. {@code http://localhost:41234/} */
    public static SimulatedTwilio start(URI backend) {
        String local = "://" + backend.getHost() + ":" + backend.getPort();
        String publicHost = URI.create(FakeRealtimeResource.PUBLIC_ORIGIN).getAuthority();
        return new SimulatedTwilio(FakeTwilio.builder()
                .accountSid(ACCOUNT_SID)
                .authToken(AUTH_TOKEN)
                .urlRewrite("https://" + publicHost, "http" + local)
                .urlRewrite("wss://" + publicHost, "ws" + local)
                .start());
    }

    public FakeTwilio fake() {
        return twilio;
    }

    /**
     * Places a call for the session as the webapp does: voice webhook and status callback on the
     * backend's public URL, every status event, asynchronous answering machine detection reporting to
     * the status callback.
     *
     * @return the call as FakeTwilio runs it
     */
    public SimulatedCall call(UUID sessionId, String to, CallerScript script) {
        twilio.script(to, script);
        String base = FakeRealtimeResource.PUBLIC_ORIGIN;
        URI status = URI.create(base + "/twilio/status/" + sessionId);
        Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(FROM), URI.create(base + "/twilio/voice/" + sessionId))
                .setStatusCallback(status)
                .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                .setTimeout(30)
                .setMachineDetection("Enable")
                .setAsyncAmd("true")
                .setAsyncAmdStatusCallback(status)
                .create(rest);
        return twilio.call(call.getSid()).orElseThrow();
    }

    /** Ends a call through the REST API, as the webapp does. */
    public void complete(String callSid) {
        Call.updater(callSid).setStatus(Call.UpdateStatus.COMPLETED).update(rest);
    }

    /** Asks Twilio to cancel a call, which only works while it is queued or ringing. */
    public void cancel(String callSid) {
        Call.updater(callSid).setStatus(Call.UpdateStatus.CANCELED).update(rest);
    }

    @Override
    public void close() {
        twilio.close();
    }
}
