package dev.callcoach.simulator.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import dev.callcoach.simulator.http.HttpEndpoint;
import dev.callcoach.simulator.http.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private final FakeRealtime realtime = FakeRealtime.builder().apiKey(RealtimeTestClient.KEY).start();

    @AfterEach
    void close() {
        realtime.close();
    }

    @Test
    void refusesConnectionsWhileScriptedTo() {
        realtime.script(SessionScript.defaults().refuseConnections(503));
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + RealtimeTestClient.KEY)
                .buildAsync(URI.create(realtime.realtimeUrl("gpt-realtime")), new java.net.http.WebSocket.Listener() { }).join())
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
        assertThat(realtime.sessions()).isEmpty();
        realtime.script(SessionScript.defaults());
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
        }
    }

    @Test
    void dropsAfterNServerEventsWithoutACloseFrame() throws Exception {
        realtime.script(SessionScript.defaults().dropAfterServerEvents(2));
        VertxClient client = VertxClient.connect(realtime);
        client.socket.writeTextMessage("{\"type\":\"input_audio_buffer.clear\"}");
        assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).as("no close frame").isEqualTo(-1);
        assertThat(client.received).extracting(m -> m.path("type").asText())
                .containsExactly("session.created", "input_audio_buffer.cleared");
        RealtimeSession session = realtime.lastSession().orElseThrow();
        await().until(() -> !session.isOpen());
        assertThat(session.closeCode()).hasValue(1006);
        assertThat(realtime.openSessionCount()).isZero();
        client.vertx.close();
    }

    @Test
    void dropsAfterATime() throws Exception {
        realtime.script(SessionScript.defaults().dropAfter(Duration.ofMillis(200)));
        VertxClient client = VertxClient.connect(realtime);
        assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        client.vertx.close();
    }

    /** Vert.x tells a dropped connection (no close status) from a closed one; the JDK client is vague about it. */
    private record VertxClient(Vertx vertx, WebSocket socket, List<JsonNode> received, CompletableFuture<Integer> closeCode) {
        static VertxClient connect(FakeRealtime realtime) {
            Vertx vertx = Vertx.vertx();
            List<JsonNode> received = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            // Handlers go on in the connect callback, on the event loop, so session.created cannot slip past them.
            WebSocket socket = HttpEndpoint.await(vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                    .setAbsoluteURI(realtime.realtimeUrl("gpt-realtime")).addHeader("Authorization", "Bearer " + RealtimeTestClient.KEY))
                    .map(ws -> {
                        ws.textMessageHandler(text -> received.add(parse(text)));
                        ws.closeHandler(v -> closeCode.complete(ws.closeStatusCode() == null ? -1 : (int) ws.closeStatusCode()));
                        return ws;
                    }));
            return new VertxClient(vertx, socket, received, closeCode);
        }

        private static JsonNode parse(String text) {
            try {
                return Json.MAPPER.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void injectsErrorsAndExpiresSessions() throws Exception {
        realtime.script(SessionScript.defaults().errorAfter(Duration.ofMillis(50), "server_error", "internal_error", "Simulated outage.")
                .expireAfter(Duration.ofMillis(300)));
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            JsonNode error = client.next("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("server_error");
            assertThat(error.at("/error/message").asText()).isEqualTo("Simulated outage.");
            assertThat(client.next("error").at("/error/code").asText()).isEqualTo("session_expired");
            assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @Test
    void slowAnswersStillComeInOrder() {
        realtime.script(SessionScript.defaults().responseDelay(Duration.ofMillis(300)));
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send("{\"type\":\"response.create\"}");
            client.next("response.done");
            assertThat(client.types()).containsSubsequence("response.created", "response.output_item.added", "response.done");
        }
    }

    @Test
    void testsCanMisbehaveOnDemand() throws Exception {
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            RealtimeSession session = realtime.lastSession().orElseThrow();
            session.sendError("invalid_request_error", "rate_limit_exceeded", "Slow down.");
            assertThat(client.next("error").at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            session.sendRaw("{\"type\":\"some.future_event\"}");
            assertThat(client.next("some.future_event").path("event_id").asText()).startsWith("event_");
            session.close(4000, "test says bye");
            assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
            assertThat(session.whenClosed().toCompletableFuture().get(5, TimeUnit.SECONDS).closeCode()).hasValue(4000);
        }
    }
}
