package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.testing.BridgeTestProfile;
import dev.callcoach.backend.testing.FakeRealtimeResource;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.SimulatedTwilio;
import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.realtime.RealtimeSession;
import dev.callcoach.simulator.twilio.TwilioSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Media Stream peer that sends garbage among good frames: each bad frame is counted, the call goes on. */
@QuarkusTest
@TestProfile(BridgeTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class MalformedFramesTest {

    /** 20 ms of μ-law silence (0xFF is zero amplitude). */
    private static final String SILENCE = Base64.getEncoder().encodeToString(silence());

    @TestHTTPResource("/")
    URI base;
    @Inject
    PhoneLimiter limiter;
    @Inject
    MeterRegistry meters;

    private final FakeRealtime realtime = FakeRealtimeResource.realtime();

    @AfterEach
    void noRealtimeSessionOutlivesItsCall() {
        await().atMost(Duration.ofSeconds(5)).until(() -> realtime.openSessionCount() == 0);
    }

    @Test
    void badFramesAreCountedAndTheCallGoesOnUntilStop() {
        Map<String, Double> before = malformedCounts();
        int sessionsBefore = realtime.sessions().size();
        AtomicBoolean closed = new AtomicBoolean();
        UUID session = Reservations.callable(limiter).id();
        String path = "/twilio/media/" + session;
        WebSocketClientConnection twilio = BasicWebSocketConnector.create().baseUri(base).path(path)
                .addHeader("x-twilio-signature", TwilioSignature.sign(SimulatedTwilio.AUTH_TOKEN,
                        FakeRealtimeResource.PUBLIC_ORIGIN.replace("https:", "wss:") + path, Map.of()))
                .onClose((connection, reason) -> closed.set(true))
                .connectAndAwait();

        twilio.sendTextAndAwait("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        twilio.sendTextAndAwait(media(0));   // before start: out of order
        twilio.sendTextAndAwait("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"AC1\",\"streamSid\":\"MZ1\","
                + "\"callSid\":\"CA1\",\"tracks\":[\"inbound\"],\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,"
                + "\"channels\":1},\"customParameters\":{\"sessionId\":\"" + session + "\"}},\"streamSid\":\"MZ1\"}");
        await().until(() -> realtime.sessions().size() > sessionsBefore
                && !realtime.lastSession().orElseThrow().clientEvents("session.update").isEmpty());
        RealtimeSession openai = realtime.lastSession().orElseThrow();

        twilio.sendTextAndAwait(media(20));
        twilio.sendTextAndAwait("{not json");
        twilio.sendTextAndAwait("{\"event\":\"teleport\",\"streamSid\":\"MZ1\"}");
        twilio.sendTextAndAwait("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"timestamp\":\"40\",\"payload\":\"<script>\"}}");
        twilio.sendTextAndAwait("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"" + "A".repeat(1_000_000) + "\"}}");
        twilio.sendBinaryAndAwait(new byte[] {1, 2, 3});
        twilio.sendTextAndAwait(media(60));

        await().until(() -> openai.clientEvents("input_audio_buffer.append").size() == 2);
        assertThat(openai.clientEvents("input_audio_buffer.append"))
                .allSatisfy(event -> assertThat(event.json().path("audio").asText()).isEqualTo(SILENCE));
        await().untilAsserted(() -> {
            Map<String, Double> after = malformedCounts();
            for (String problem : List.of("out-of-order", "not-json", "unknown-event", "bad-base64", "oversized", "binary")) {
                assertThat(after.get(problem) - before.get(problem)).as(problem).isEqualTo(1.0);
            }
        });
        assertThat(twilio.isOpen()).isTrue();

        twilio.sendTextAndAwait("{\"event\":\"stop\",\"sequenceNumber\":\"9\",\"streamSid\":\"MZ1\",\"stop\":{}}");
        await().until(closed::get);
        await().until(() -> !openai.isOpen());
    }

    private Map<String, Double> malformedCounts() {
        Map<String, Double> counts = new HashMap<>();
        for (String problem : List.of("out-of-order", "not-json", "unknown-event", "bad-base64", "oversized", "binary")) {
            counts.put(problem, meters.get("callcoach.twilio.frames.malformed").tag("problem", problem).counter().count());
        }
        return counts;
    }

    private static String media(long timestamp) {
        return "{\"event\":\"media\",\"sequenceNumber\":\"2\",\"streamSid\":\"MZ1\",\"media\":{\"track\":\"inbound\","
                + "\"chunk\":\"1\",\"timestamp\":\"" + timestamp + "\",\"payload\":\"" + SILENCE + "\"}}";
    }

    private static byte[] silence() {
        byte[] frame = new byte[160];
        Arrays.fill(frame, (byte) 0xFF);
        return frame;
    }

}
