package dev.callcoach.backend.twilio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.testing.BridgeTestProfile;
import dev.callcoach.backend.testing.FakeRealtimeResource;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.SimulatedTwilio;
import dev.callcoach.simulator.twilio.TwilioSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Only requests Twilio signed get through: the voice webhook, the status callback and the Media
 * Stream upgrade, each missing, forged, or replayed with changed parameters.
 */
@QuarkusTest
@TestProfile(BridgeTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class TwilioSignatureCheckTest {


    @TestHTTPResource("/")
    URI base;
    @Inject
    PhoneLimiter limiter;

    @Test
    void theVoiceWebhookAnswersOnlySignedRequests() {
        UUID session = Reservations.callable(limiter).id();
        String path = "/twilio/voice/" + session;
        Map<String, String> params = webhookParams("in-progress");
        String signature = sign(path, params);

        post(path, params, signature).then().statusCode(200)
                .contentType(containsString("xml"))
                .body(containsString("<Stream url=\"wss://calls.example.test/twilio/media/" + session + "\">"))
                .body(containsString("value=\"" + session + "\""));

        post(path, params, null).then().statusCode(403);
        post(path, params, "forged/AAAAAAAAAAAAAAAAAAAAAAAA=").then().statusCode(403);
        Map<String, String> changed = new LinkedHashMap<>(params);
        changed.put("CallSid", "CA" + "f".repeat(32));
        post(path, changed, signature).then().statusCode(403);
        // The same parameters and signature for another session's URL.
        post("/twilio/voice/" + UUID.randomUUID(), params, signature).then().statusCode(403);
    }

    @Test
    void aSignedWebhookForAnUnknownSessionGetsAnApology() {
        String path = "/twilio/voice/" + UUID.randomUUID();
        Map<String, String> params = webhookParams("in-progress");
        post(path, params, sign(path, params)).then().statusCode(200)
                .body(containsString("<Say>Sorry")).body(containsString("<Hangup/>"));
    }

    @Test
    void theStatusCallbackAcceptsOnlySignedRequests() {
        UUID session = Reservations.callable(limiter).id();
        String path = "/twilio/status/" + session;
        Map<String, String> params = webhookParams("ringing");
        String signature = sign(path, params);

        post(path, params, null).then().statusCode(403);
        post(path, params, "bm90IGEgc2lnbmF0dXJl").then().statusCode(403);
        Map<String, String> changed = new LinkedHashMap<>(params);
        changed.put("CallStatus", "completed");
        post(path, changed, signature).then().statusCode(403);

        post(path, params, signature).then().statusCode(204);
        post(path, params, signature).then().statusCode(204);
    }

    @Test
    void aWebhookBodyOver64KibIsRefusedBeforeItIsRead() {
        UUID session = Reservations.callable(limiter).id();
        String path = "/twilio/status/" + session;

        Map<String, String> oversized = webhookParams("ringing");
        oversized.put("Padding", "x".repeat(64 * 1024));
        post(path, oversized, sign(path, oversized)).then().statusCode(413);

        // A large but legal form, signed, still gets through.
        Map<String, String> large = webhookParams("ringing");
        large.put("Padding", "x".repeat(60 * 1024));
        post(path, large, sign(path, large)).then().statusCode(204);
    }

    @Test
    void theMediaStreamUpgradeNeedsTwiliosSignatureOverTheWssUrl() {
        UUID session = UUID.randomUUID();
        String path = "/twilio/media/" + session;
        assertThatThrownBy(() -> connectMedia(path, null)).hasMessageContaining("403");
        assertThatThrownBy(() -> connectMedia(path, "forged/AAAAAAAAAAAAAAAAAAAAAAAA=")).hasMessageContaining("403");
        // Signed over the https form of the URL instead of the wss:// one from the TwiML.
        assertThatThrownBy(() -> connectMedia(path, TwilioSignature.sign(SimulatedTwilio.AUTH_TOKEN,
                FakeRealtimeResource.PUBLIC_ORIGIN + path, Map.of()))).hasMessageContaining("403");

        var connection = connectMedia(path, signMedia(path));
        assertThat(connection.isOpen()).isTrue();
        connection.closeAndAwait();
    }

    @Test
    void aMediaStreamRequestThatIsNoWebSocketHandshakeGets400() {
        String path = "/twilio/media/" + UUID.randomUUID();
        given().header("x-twilio-signature", signMedia(path)).get(path)
                .then().statusCode(400).body(containsString("WebSocket"));
        // Signed and asking for the upgrade, but without the handshake's key and version.
        given().header("x-twilio-signature", signMedia(path)).header("Upgrade", "websocket").header("Connection", "Upgrade")
                .get(path).then().statusCode(400);
    }

    @Test
    void aMediaSignatureReplayedForAnotherSessionIsRefused() {
        String signed = "/twilio/media/" + UUID.randomUUID();
        String signature = signMedia(signed);

        assertThatThrownBy(() -> connectMedia("/twilio/media/" + UUID.randomUUID(), signature)).hasMessageContaining("403");
        // The old session-less URL is gone, signed or not.
        assertThatThrownBy(() -> connectMedia("/twilio/media", signMedia("/twilio/media"))).hasMessageContaining("404");
        var connection = connectMedia(signed, signature);
        assertThat(connection.isOpen()).isTrue();
        connection.closeAndAwait();
    }

    @Test
    void aSignedSocketThatNeverSendsStartIsClosed() {
        String path = "/twilio/media/" + UUID.randomUUID();
        AtomicBoolean closed = new AtomicBoolean();
        BasicWebSocketConnector.create().baseUri(base).path(path)
                .addHeader("x-twilio-signature", signMedia(path))
                .onClose((connection, reason) -> closed.set(true))
                .connectAndAwait()
                .sendTextAndAwait("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");

        // callcoach.call.start-timeout, 5 s by default
        await().atMost(Duration.ofSeconds(15)).untilTrue(closed);
    }

    private io.quarkus.websockets.next.WebSocketClientConnection connectMedia(String path, String signature) {
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base).path(path);
        if (signature != null) {
            connector.addHeader("x-twilio-signature", signature);
        }
        return connector.connectAndAwait();
    }

    private static String signMedia(String path) {
        return TwilioSignature.sign(SimulatedTwilio.AUTH_TOKEN, FakeRealtimeResource.PUBLIC_ORIGIN.replace("https:", "wss:") + path, Map.of());
    }

    private static Map<String, String> webhookParams(String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", SimulatedTwilio.ACCOUNT_SID);
        params.put("CallSid", "CA" + "0".repeat(32));
        params.put("CallStatus", status);
        params.put("Direction", "outbound-api");
        params.put("ApiVersion", "2010-04-01");
        return params;
    }

    private static String sign(String path, Map<String, String> params) {
        return TwilioSignature.sign(SimulatedTwilio.AUTH_TOKEN, FakeRealtimeResource.PUBLIC_ORIGIN + path, params);
    }

    private static io.restassured.response.Response post(String path, Map<String, String> params, String signature) {
        var request = given().formParams(params);
        if (signature != null) {
            request = request.header("X-Twilio-Signature", signature);
        }
        return request.post(path);
    }
}
