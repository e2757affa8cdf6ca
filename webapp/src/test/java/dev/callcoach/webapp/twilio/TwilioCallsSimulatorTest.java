package dev.callcoach.webapp.twilio;

import dev.callcoach.simulator.twilio.CallerScript;
import dev.callcoach.simulator.twilio.FakeTwilio;
import dev.callcoach.simulator.twilio.SimulatedCall;
import dev.callcoach.webapp.testing.HttpStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Placement through the SDK against FakeTwilio, which is as strict as Twilio about what it accepts. */
class TwilioCallsSimulatorTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "fake-twilio-token";
    private static final String FROM = "+61255501234";
    private static final String TO = "+61412345678";

    /** Where status callbacks land, as they would at the backend. */
    private final HttpStub backend = new HttpStub();
    private FakeTwilio twilio;

    @AfterEach
    void stop() {
        if (twilio != null) {
            twilio.close();
        }
        backend.close();
    }

    @Test
    void theCallIsAcceptedAndReportsTheEventsWeAskedFor() throws Exception {
        backend.answer(request -> new HttpStub.Answer(204, "text/plain", ""));
        twilio = FakeTwilio.builder().accountSid(ACCOUNT).authToken(TOKEN)
                .defaultScript(CallerScript.noAnswer()).start();

        String sid = calls(TOKEN).place(call(TO));

        SimulatedCall call = twilio.call(sid).orElseThrow();
        assertThat(call.to()).isEqualTo(TO);
        assertThat(call.from()).isEqualTo(FROM);
        assertThat(call.createParams().get("StatusCallbackEvent"))
                .containsExactly("initiated", "ringing", "answered", "completed");
        call.whenEnded().toCompletableFuture().get();
        await().until(() -> backend.requests.stream().anyMatch(r -> r.body().contains("CallStatus=no-answer")));
        List<String> statuses = backend.requests.stream()
                .map(r -> r.form().get("CallStatus").getFirst()).toList();
        assertThat(statuses).containsExactly("initiated", "ringing", "no-answer");
        assertThat(backend.requests).allSatisfy(r -> assertThat(r.path()).isEqualTo("/twilio/status/s1"));
    }

    @Test
    void aDestinationOutsideTheGeoPermissionsIsRefusedWithItsCode() {
        twilio = FakeTwilio.builder().accountSid(ACCOUNT).authToken(TOKEN).geoPermissions("61").start();

        assertThatThrownBy(() -> calls(TOKEN).place(call("+12015550123")))
                .isInstanceOfSatisfying(TwilioCallException.class, e -> assertThat(e.code()).isEqualTo(21215));
    }

    @Test
    void aWrongAuthTokenIsRefusedWithItsCode() {
        twilio = FakeTwilio.builder().accountSid(ACCOUNT).authToken(TOKEN).start();

        assertThatThrownBy(() -> calls("wrong-token").place(call(TO)))
                .isInstanceOfSatisfying(TwilioCallException.class, e -> assertThat(e.code()).isEqualTo(20003));
    }

    @Test
    void hangingUpWhileItRingsCancelsTheCall() throws Exception {
        backend.answer(request -> new HttpStub.Answer(204, "text/plain", ""));
        twilio = FakeTwilio.builder().accountSid(ACCOUNT).authToken(TOKEN)
                .defaultScript(CallerScript.answerAfter(Duration.ofMinutes(5))).start();
        TwilioCalls calls = calls(TOKEN);
        String sid = calls.place(call(TO));

        calls.hangUp(sid);

        SimulatedCall call = twilio.call(sid).orElseThrow();
        call.whenEnded().toCompletableFuture().get();
        assertThat(call.status().toString()).isEqualToIgnoringCase("canceled");
    }

    @Test
    void hangingUpACallAnsweredAMomentAgoEndsItToo() throws Exception {
        backend.answer(request -> new HttpStub.Answer(200, "text/xml", "<Response><Pause length=\"60\"/></Response>"));
        twilio = FakeTwilio.builder().accountSid(ACCOUNT).authToken(TOKEN)
                .defaultScript(CallerScript.answerAfter(Duration.ofMillis(10))).start();
        TwilioCalls calls = calls(TOKEN);
        String sid = calls.place(call(TO));
        SimulatedCall call = twilio.call(sid).orElseThrow();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (call.status() != dev.callcoach.simulator.twilio.CallStatus.IN_PROGRESS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        calls.hangUp(sid);

        call.whenEnded().toCompletableFuture().get();
        assertThat(call.status().toString()).isEqualToIgnoringCase("completed");
        assertThat(call.createParams()).containsEntry("AsyncAmd", List.of("true"));
    }

    private TwilioCalls calls(String token) {
        return new TwilioCalls(new TwilioProperties(ACCOUNT, token, "", "", URI.create(twilio.baseUrl()),
                Map.of("au", FROM)));
    }

    /** Rings for one second only: the no-answer case then ends quickly. */
    private OutboundCall call(String to) {
        return new OutboundCall(to, FROM, URI.create(backend.baseUrl() + "/twilio/voice/s1"),
                URI.create(backend.baseUrl() + "/twilio/status/s1"), Duration.ofSeconds(1), Duration.ofMinutes(6));
    }
}
