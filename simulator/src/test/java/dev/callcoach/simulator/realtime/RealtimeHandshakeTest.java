package dev.callcoach.simulator.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RealtimeHandshakeTest {

    private static final FakeRealtime REALTIME = FakeRealtime.builder().apiKey(RealtimeTestClient.KEY).start();

    @AfterAll
    static void close() {
        REALTIME.close();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null,                    gpt-realtime, 401, null",
            "Bearer sk-wrong-key-123, gpt-realtime, 401, invalid_api_key",
            "Bearer sk-test-key,      '',           400, missing_required_parameter",
            "Bearer sk-test-key,      gpt-5,        404, model_not_found"})
    void badHandshakesAreRefusedWithOpenAiErrors(String authorization, String model, int status, String code) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        assertThatThrownBy(() -> builder.buildAsync(URI.create(REALTIME.webSocketBaseUrl() + "/v1/realtime?model=" + model),
                new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> {
                    HttpResponse<?> response = e.getResponse();
                    assertThat(response.statusCode()).isEqualTo(status);
                    assertThat(String.valueOf(response.body())).contains("\"code\":" + (code == null ? "null" : "\"" + code + "\""));
                });
        assertThat(REALTIME.refusedConnections()).isPositive();
    }

    @Test
    void gaByDefaultWithSessionCreatedFirst() {
        try (RealtimeTestClient client = RealtimeTestClient.connect(REALTIME, false)) {
            JsonNode created = client.next("session.created");
            assertThat(client.seen).hasSize(1);
            assertThat(created.path("event_id").asText()).startsWith("event_");
            JsonNode session = created.path("session");
            assertThat(session.path("type").asText()).isEqualTo("realtime");
            assertThat(session.path("object").asText()).isEqualTo("realtime.session");
            assertThat(session.path("id").asText()).startsWith("sess_");
            assertThat(session.path("model").asText()).isEqualTo("gpt-realtime");
            assertThat(session.at("/audio/input/format/type").asText()).isEqualTo("audio/pcm");
            assertThat(session.at("/audio/input/turn_detection/type").asText()).isEqualTo("server_vad");
            assertThat(session.has("temperature")).isFalse();
            RealtimeSession sim = REALTIME.session(session.path("id").asText()).orElseThrow();
            assertThat(sim.dialect()).isEqualTo(Dialect.GA);
            assertThat(sim.isOpen()).isTrue();
            assertThat(REALTIME.openSessionCount()).isPositive();
        }
    }

    @Test
    void betaWithTheBetaHeader() {
        try (RealtimeTestClient client = RealtimeTestClient.connect(REALTIME, true)) {
            JsonNode session = client.next("session.created").path("session");
            assertThat(session.has("type")).isFalse();
            assertThat(session.path("input_audio_format").asText()).isEqualTo("pcm16");
            assertThat(session.path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
            assertThat(session.path("temperature").asDouble()).isEqualTo(0.8);
            assertThat(REALTIME.lastSession().orElseThrow().dialect()).isEqualTo(Dialect.BETA);
        }
    }

    @Test
    void closingTheClientClosesTheSession() {
        RealtimeSession session;
        try (RealtimeTestClient client = RealtimeTestClient.connect(REALTIME, false)) {
            String id = client.next("session.created").at("/session/id").asText();
            session = REALTIME.session(id).orElseThrow();
        }
        await().until(() -> !session.isOpen());
        assertThat(session.closeCode()).hasValue(1000);
    }
}
