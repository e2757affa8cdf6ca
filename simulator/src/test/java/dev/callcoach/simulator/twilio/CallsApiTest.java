package dev.callcoach.simulator.twilio;

import static dev.callcoach.simulator.twilio.TwilioTestSupport.ACCOUNT_SID;
import static dev.callcoach.simulator.twilio.TwilioTestSupport.FROM;
import static dev.callcoach.simulator.twilio.TwilioTestSupport.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conformance of the REST subset with the official Java SDK, and the outcomes of unanswered calls. */
class CallsApiTest {

    private static final TestBackend BACKEND = new TestBackend(TwilioTestSupport.AUTH_TOKEN);
    private static final FakeTwilio TWILIO = TwilioTestSupport.fakeTwilio(BACKEND).geoPermissions("1", "61", "91")
            .blockedNumbers("+15005550009").start();
    private static final TwilioRestClient CLIENT = TwilioTestSupport.sdk(TWILIO);
    private static final URI TWIML_URL = URI.create(TestBackend.PUBLIC_HTTP + "/twiml");
    private static final URI STATUS_URL = URI.create(TestBackend.PUBLIC_HTTP + "/status");

    @AfterAll
    static void close() {
        TWILIO.close();
        BACKEND.close();
    }

    @Test
    void createAcceptsExactlyWhatTheSdkSendsAndAnswersWithTheCallResource() {
        String to = "+14155550101";
        TWILIO.script(to, CallerScript.noAnswer());
        Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(FROM), TWIML_URL)
                .setMethod(HttpMethod.GET)
                .setStatusCallback(STATUS_URL)
                .setStatusCallbackEvent(List.of("initiated", "answered"))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setTimeout(600)
                .setTimeLimit(3600)
                .setMachineDetection("Enable")
                .create(CLIENT);

        SimulatedCall sim = TWILIO.call(call.getSid()).orElseThrow();
        assertThat(sim.createParams()).containsOnlyKeys("To", "From", "Url", "Method", "StatusCallback",
                "StatusCallbackEvent", "StatusCallbackMethod", "Timeout", "TimeLimit", "MachineDetection");
        assertThat(sim.createParams().get("StatusCallbackEvent")).containsExactly("initiated", "answered");
        assertThat(sim.createParams().get("To")).containsExactly(to);
        assertThat(sim.createParams().get("Url")).containsExactly(TWIML_URL.toString());

        assertThat(call.getAccountSid()).isEqualTo(ACCOUNT_SID);
        assertThat(call.getTo()).isEqualTo(to);
        assertThat(call.getToFormatted()).isEqualTo("(415) 555-0101");
        assertThat(call.getFrom()).isEqualTo(FROM);
        assertThat(call.getDirection()).isEqualTo("outbound-api");
        assertThat(call.getApiVersion()).isEqualTo("2010-04-01");
        assertThat(call.getDateCreated()).isNotNull();
        assertThat(call.getStartTime()).isNull();
        assertThat(call.getDuration()).isNull();
        assertThat(call.getPriceUnit().getCurrencyCode()).isEqualTo("USD");
        assertThat(call.getUri()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls/" + call.getSid() + ".json");
        assertThat(call.getSubresourceUris()).containsKey("streams");
        assertThat(sim.toString()).doesNotContain("5550101");

        Call updated = Call.updater(call.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(CLIENT);
        assertThat(updated.getStatus()).isIn(Call.Status.CANCELED, Call.Status.QUEUED);
    }

    @Test
    void inlineTwimlIsAccepted() throws Exception {
        String to = "+14155550102";
        Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(FROM), new Twiml("<Response><Hangup/></Response>"))
                .create(CLIENT);
        SimulatedCall sim = TWILIO.call(call.getSid()).orElseThrow();
        sim.whenEnded().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(sim.endReason()).contains(SimulatedCall.EndReason.HANGUP_VERB);
        assertThat(sim.status()).isEqualTo(CallStatus.COMPLETED);
    }

    @Test
    void wrongCredentialsOrAccountAreRefusedWith20003() {
        assertThatThrownBy(() -> Call.creator(new PhoneNumber(TO), new PhoneNumber(FROM), TWIML_URL)
                .create(TwilioTestSupport.sdk(TWILIO, "wrong-token")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20003);
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20003");
                });
        assertThatThrownBy(() -> Call.creator("AC" + "f".repeat(32), new PhoneNumber(TO), new PhoneNumber(FROM), TWIML_URL)
                .create(CLIENT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
    }

    @ParameterizedTest
    @CsvSource({"12345, 21211", "+442071838750, 21215", "+15005550009, 21216"})
    void invalidDestinationsGetTwiliosCodes(String to, int code) {
        assertThatThrownBy(() -> Call.creator(new PhoneNumber(to), new PhoneNumber(FROM), TWIML_URL).create(CLIENT))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(code);
                    assertThat(e.getStatusCode()).isEqualTo(400);
                });
    }

    @Test
    void unknownCallsAndPathsAre20404() throws Exception {
        assertThatThrownBy(() -> Call.fetcher("CA" + "0".repeat(32)).fetch(CLIENT))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20404);
                    assertThat(e.getStatusCode()).isEqualTo(404);
                });
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TWILIO.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Recordings.json"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ACCOUNT_SID + ":" + TwilioTestSupport.AUTH_TOKEN).getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":20404");
    }

    @ParameterizedTest
    @CsvSource({"busy, busy, 486", "no-answer, no-answer, 487", "failed, failed, 404"})
    void unansweredOutcomesEndWithTheirStatusAndOneCompletedCallback(String script, String status, String sip) throws Exception {
        String to = switch (status) {
            case "busy" -> "+14155550201";
            case "no-answer" -> "+14155550202";
            default -> "+14155550203";
        };
        TWILIO.script(to, CallerScript.parse(script.equals("busy") ? "busy after 100ms" : script));
        Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(FROM), TWIML_URL).setStatusCallback(STATUS_URL)
                .setTimeout(1).create(CLIENT);
        SimulatedCall sim = TWILIO.call(call.getSid()).orElseThrow();
        sim.whenEnded().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(sim.status().wireName()).isEqualTo(status);
        assertThat(sim.endReason()).contains(SimulatedCall.EndReason.NOT_ANSWERED);
        assertThat(sim.durationSeconds()).hasValue(0);
        await().untilAsserted(() -> assertThat(sim.statusCallbacks()).singleElement().satisfies(cb -> {
            assertThat(cb.event()).isEqualTo(status);
            assertThat(cb.params()).containsEntry("SipResponseCode", sip).containsEntry("CallDuration", "0")
                    .containsEntry("SequenceNumber", "0").doesNotContainKey("Duration");
            assertThat(cb.responseStatus()).isEqualTo(204);
        }));
        assertThat(BACKEND.requests).noneMatch(r -> r.path().equals("/twiml") && r.form().get("CallSid").equals(call.getSid()));
        assertThat(Call.fetcher(call.getSid()).fetch(CLIENT).getStatus().toString()).isEqualTo(status);
    }

    @Test
    void cancellingARingingCallSendsTheCanceledCallback() throws Exception {
        String to = "+14155550301";
        TWILIO.script(to, CallerScript.noAnswer());
        Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(FROM), TWIML_URL).setStatusCallback(STATUS_URL)
                .setStatusCallbackEvent(List.of("ringing", "completed")).create(CLIENT);
        SimulatedCall sim = TWILIO.call(call.getSid()).orElseThrow();
        await().until(() -> sim.status() == CallStatus.RINGING);
        Call canceled = Call.updater(call.getSid()).setStatus(Call.UpdateStatus.CANCELED).update(CLIENT);
        assertThat(canceled.getStatus()).isEqualTo(Call.Status.CANCELED);
        assertThat(sim.endReason()).contains(SimulatedCall.EndReason.REST_UPDATE);
        await().untilAsserted(() -> assertThat(sim.statusCallbacks()).extracting(WebhookRequest::event)
                .containsExactlyInAnyOrder("ringing", "canceled"));
    }

    @Test
    void cancellingAQueuedCallSendsNoCallbacks() throws Exception {
        try (FakeTwilio slow = TwilioTestSupport.fakeTwilio(BACKEND).dialDelay(Duration.ofSeconds(30)).start()) {
            Call call = Call.creator(new PhoneNumber(TO), new PhoneNumber(FROM), TWIML_URL).setStatusCallback(STATUS_URL)
                    .setStatusCallbackEvent(List.of("initiated", "completed")).create(TwilioTestSupport.sdk(slow));
            Call canceled = Call.updater(call.getSid()).setStatus(Call.UpdateStatus.CANCELED).update(TwilioTestSupport.sdk(slow));
            assertThat(canceled.getStatus()).isEqualTo(Call.Status.CANCELED);
            SimulatedCall sim = slow.call(call.getSid()).orElseThrow();
            Thread.sleep(300); // give a wrongly sent callback time to show up
            assertThat(sim.statusCallbacks()).isEmpty();
            assertThat(sim.statusHistory()).extracting(SimulatedCall.StatusChange::status)
                    .containsExactly(CallStatus.QUEUED, CallStatus.CANCELED);
        }
    }
}
