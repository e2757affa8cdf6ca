package dev.callcoach.webapp.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Places and hangs up calls through the official SDK. A plain adapter: no retries (not even the SDK's own,
 * {@link SingleAttemptHttpClient}) and no policy; every SDK failure comes out as a {@link TwilioCallException}
 * with Twilio's code, or, when a call may have been created after all, a {@link TwilioCallUncertainException}.
 */
public final class TwilioCalls {

    /** The progress events the backend wants; "answered" arrives with status in-progress. */
    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    /**
     * Answering machine detection, asynchronous so the person who answers hears the AI at once; the verdict
     * goes to the status callback URL, where the backend hangs up on a machine. {@code Enable} rather than
     * {@code DetectMessageEnd}: we never leave a message, so there is no beep to wait for.
     */
    static final String MACHINE_DETECTION = "Enable";

    private final TwilioProperties properties;
    private final TwilioRestClient client;

    public TwilioCalls(TwilioProperties properties) {
        this.properties = properties;
        this.client = properties.configured() ? newClient(properties) : null;
    }

    /** Whether calls can be placed at all. */
    public boolean configured() {
        return client != null;
    }

    /** Whether calls go to a stand-in (the simulator) rather than the real Twilio. */
    public boolean simulated() {
        return properties.simulated();
    }

    /** The number calls to a region come from, if that region can be called. */
    public Optional<String> callerNumber(String region) {
        return properties.callerNumber(region);
    }

    /**
     * Asks Twilio, once, to place the call; returns its call SID.
     *
     * @throws TwilioCallException          Twilio refused, or was never reached: no call was placed
     * @throws TwilioCallUncertainException the request was sent but its outcome is unknown: a call may exist
     */
    public String place(OutboundCall call) {
        try {
            Call created = Call.creator(new PhoneNumber(call.to()), new PhoneNumber(call.from()), call.voiceUrl())
                    .setStatusCallback(call.statusCallback())
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .setStatusCallbackEvent(STATUS_EVENTS)
                    .setTimeout(seconds(call.ringTimeout()))
                    .setTimeLimit(seconds(call.timeLimit()))
                    .setMachineDetection(MACHINE_DETECTION)
                    .setAsyncAmd("true")
                    .setAsyncAmdStatusCallback(call.statusCallback())
                    .setAsyncAmdStatusCallbackMethod(HttpMethod.POST)
                    .create(requireClient());
            return created.getSid();
        } catch (TwilioException e) {
            throw CallCreationFailures.of(e);
        }
    }

    /**
     * Ends a call in whatever state it is: {@code Status=completed}. Twilio's Call resource docs say
     * {@code canceled} only hangs up a call still queued or ringing and leaves one already in progress
     * alone (with a 200), while {@code completed} hangs up a call in any state. The page cannot know
     * whether the callee picked up a moment ago, so it never relies on {@code canceled}.
     */
    public void hangUp(String callSid) {
        try {
            Call.updater(callSid).setStatus(Call.UpdateStatus.COMPLETED).update(requireClient());
        } catch (TwilioException e) {
            throw translate(e);
        }
    }

    private TwilioRestClient requireClient() {
        if (client == null) {
            throw new IllegalStateException("Twilio is not configured");
        }
        return client;
    }

    private static TwilioCallException translate(TwilioException e) {
        return e instanceof ApiException api
                ? new TwilioCallException(api.getCode(), api.getStatusCode(), null)
                : new TwilioCallException(null, null, null);
    }

    private static Integer seconds(Duration duration) {
        return Math.toIntExact(duration.toSeconds());
    }

    private static TwilioRestClient newClient(TwilioProperties properties) {
        TwilioRestClient.Builder builder = properties.hasApiKey()
                ? new TwilioRestClient.Builder(properties.apiKeySid(), properties.apiKeySecret())
                        .accountSid(properties.accountSid())
                : new TwilioRestClient.Builder(properties.accountSid(), properties.authToken());
        builder.httpClient(properties.apiBaseUrl() != null
                ? new RedirectingHttpClient(properties.apiBaseUrl()) : new SingleAttemptHttpClient());
        return builder.build();
    }
}
