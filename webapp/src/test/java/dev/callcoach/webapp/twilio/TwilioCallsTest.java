package dev.callcoach.webapp.twilio;

import dev.callcoach.webapp.testing.HttpStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official SDK, pointed at a real HTTP stub through the redirecting client. */
class TwilioCallsTest {

    static final String ACCOUNT = "AC" + "0".repeat(32);
    static final String TOKEN = "test-auth-token";
    static final String CALL_SID = "CA" + "1".repeat(32);

    private final HttpStub twilio = new HttpStub();

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void createsTheCallWithWebhooksEventsAndLimits() throws Exception {
        twilio.answer(request -> HttpStub.Answer.json(201, callJson("queued")));
        TwilioCalls calls = new TwilioCalls(properties(TOKEN, "", ""));

        String sid = calls.place(call());

        assertThat(sid).isEqualTo(CALL_SID);
        HttpStub.Recorded request = twilio.requests.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json");
        assertThat(request.header("Authorization")).isEqualTo(basic(ACCOUNT, TOKEN));
        Map<String, List<String>> form = request.form();
        assertThat(form.get("To")).containsExactly("+61412345678");
        assertThat(form.get("From")).containsExactly("+61255501234");
        assertThat(form.get("Url")).containsExactly("http://backend.test/twilio/voice/s1");
        assertThat(form.get("StatusCallback")).containsExactly("http://backend.test/twilio/status/s1");
        assertThat(form.get("StatusCallbackMethod")).containsExactly("POST");
        assertThat(form.get("StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(form.get("Timeout")).containsExactly("30");
        assertThat(form.get("TimeLimit")).containsExactly("360");
        assertThat(form.get("MachineDetection")).containsExactly("Enable");
        assertThat(form.get("AsyncAmd")).containsExactly("true");
        assertThat(form.get("AsyncAmdStatusCallback")).containsExactly("http://backend.test/twilio/status/s1");
    }

    @Test
    void anApiKeyAuthenticatesInsteadOfTheAuthToken() throws Exception {
        twilio.answer(request -> HttpStub.Answer.json(201, callJson("queued")));
        TwilioCalls calls = new TwilioCalls(properties("", "SK" + "2".repeat(32), "key-secret"));

        calls.place(call());

        HttpStub.Recorded request = twilio.requests.take();
        assertThat(request.path()).contains(ACCOUNT);
        assertThat(request.header("Authorization")).isEqualTo(basic("SK" + "2".repeat(32), "key-secret"));
    }

    @Test
    void twilioErrorsComeOutWithTheirCodeButNotTheirText() {
        twilio.answer(request -> HttpStub.Answer.json(400, """
                {"code": 21211, "message": "The 'To' number +61412345678 is not a valid phone number.",
                 "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}"""));
        TwilioCalls calls = new TwilioCalls(properties(TOKEN, "", ""));

        assertThatThrownBy(() -> calls.place(call()))
                .isInstanceOfSatisfying(TwilioCallException.class, e -> {
                    assertThat(e.code()).isEqualTo(21211);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).doesNotContain("+614");
                });
    }

    @Test
    void anUnreachableTwilioHasNoCode() {
        TwilioCalls calls = new TwilioCalls(new TwilioProperties(ACCOUNT, TOKEN, "", "",
                URI.create("http://127.0.0.1:1"), Map.of("au", "+61255501234")));

        assertThatThrownBy(() -> calls.place(call()))
                .isInstanceOfSatisfying(TwilioCallException.class, e -> assertThat(e.code()).isNull());
    }

    @Test
    void hangingUpSendsCompletedWhicheverStateTheCallIsIn() throws Exception {
        twilio.answer(request -> HttpStub.Answer.json(200, callJson("completed")));
        TwilioCalls calls = new TwilioCalls(properties(TOKEN, "", ""));

        calls.hangUp(CALL_SID);

        HttpStub.Recorded request = twilio.requests.take();
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls/" + CALL_SID + ".json");
        assertThat(request.form().get("Status")).containsExactly("completed");
    }

    @Test
    void withoutCredentialsNothingIsConfigured() {
        TwilioCalls calls = new TwilioCalls(new TwilioProperties("", "", "", "", null, Map.of()));

        assertThat(calls.configured()).isFalse();
        assertThat(calls.simulated()).isFalse();
    }

    @Test
    void anEmptyBaseUrlMeansTheRealTwilio() {
        TwilioProperties properties = new TwilioProperties(ACCOUNT, TOKEN, "", "", URI.create(""), Map.of());

        assertThat(properties.simulated()).isFalse();
        assertThat(properties.toString()).doesNotContain(TOKEN);
    }

    private TwilioProperties properties(String token, String keySid, String keySecret) {
        return new TwilioProperties(ACCOUNT, token, keySid, keySecret, twilio.baseUrl(),
                Map.of("au", "+61255501234"));
    }

    static OutboundCall call() {
        return new OutboundCall("+61412345678", "+61255501234", URI.create("http://backend.test/twilio/voice/s1"),
                URI.create("http://backend.test/twilio/status/s1"), Duration.ofSeconds(30), Duration.ofMinutes(6));
    }

    static String callJson(String status) {
        return """
                {"sid": "%s", "account_sid": "%s", "status": "%s", "direction": "outbound-api",
                 "to": "+61412345678", "from": "+61255501234", "api_version": "2010-04-01",
                 "uri": "/2010-04-01/Accounts/%s/Calls/%s.json"}""".formatted(CALL_SID, ACCOUNT, status, ACCOUNT, CALL_SID);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
