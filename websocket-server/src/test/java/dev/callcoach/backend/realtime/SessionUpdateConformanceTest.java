package dev.callcoach.backend.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.scenario.ScenarioCatalogService;
import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.realtime.RealtimeSession;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FakeRealtime's strict schema accepts the {@code session.update} we build, for GA and, over the
 * beta header, the beta shape; with the real instructions of a shipped scenario.
 */
class SessionUpdateConformanceTest {

    private static Vertx vertx;
    private static FakeRealtime realtime;

    private final String instructions = new ScenarioCatalogService().instructions("upset-customer",
            Map.of("business", "FastNet broadband", "problem", "Internet down for three days.", "mood", "furious"), "ash");

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        realtime = FakeRealtime.builder().apiKey("sk-conformance").vertx(vertx).start();
    }

    @AfterAll
    static void stop() {
        realtime.close();
        vertx.close();
    }

    @Test
    void gaSessionUpdateIsAccepted() throws Exception {
        RealtimeSession session = update(RealtimeApi.GA, "gpt-realtime", "ash");
        assertThat(session.session().path("audio").path("output").path("format").path("type").asText()).isEqualTo("audio/pcmu");
        assertThat(session.session().path("audio").path("output").path("voice").asText()).isEqualTo("ash");
    }

    @Test
    void aBrowserSessionsPcmUpdateIsAcceptedInBothApis() throws Exception {
        RealtimeSession ga = update(RealtimeApi.GA, "gpt-realtime", "ash", AudioFormat.PCM16_24K);
        assertThat(ga.session().path("audio").path("input").path("format").path("type").asText()).isEqualTo("audio/pcm");
        assertThat(ga.session().path("audio").path("output").path("format").path("rate").asInt()).isEqualTo(24000);
        RealtimeSession beta = update(RealtimeApi.BETA, "gpt-4o-realtime-preview-2024-12-17", "marin", AudioFormat.PCM16_24K);
        assertThat(beta.session().path("output_audio_format").asText()).isEqualTo("pcm16");
    }

    @Test
    void betaSessionUpdateIsAcceptedInBetaMode() throws Exception {
        RealtimeSession session = update(RealtimeApi.BETA, "gpt-4o-realtime-preview-2024-12-17", "marin");
        assertThat(session.session().path("output_audio_format").asText()).isEqualTo("g711_ulaw");
        assertThat(session.session().path("voice").asText()).isEqualTo("alloy");
    }

    private RealtimeSession update(RealtimeApi api, String model, String voice) throws Exception {
        return update(api, model, voice, AudioFormat.PCMU);
    }

    private RealtimeSession update(RealtimeApi api, String model, String voice, AudioFormat format) throws Exception {
        int before = realtime.sessions().size();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(realtime.port()).setURI("/v1/realtime?model=" + model)
                .addHeader("Authorization", "Bearer sk-conformance");
        if (api == RealtimeApi.BETA) {
            options.addHeader("OpenAI-Beta", "realtime=v1");
        }
        WebSocket socket = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        try {
            await().until(() -> realtime.sessions().size() > before);
            RealtimeSession session = realtime.lastSession().orElseThrow();
            socket.writeTextMessage(new SessionUpdateBuilder(api, model, null).build("su_1", new SessionSettings(instructions, voice), format));
            await().until(() -> !session.serverEvents("session.updated").isEmpty() || !session.errorsSent().isEmpty());
            assertThat(session.errorsSent()).as("errors for our session.update").isEmpty();
            return session;
        } finally {
            socket.close();
        }
    }
}
