package dev.callcoach.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callcoach.simulator.http.HttpEndpoint;
import dev.callcoach.simulator.http.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark's Realtime peer, spoken to as the bridge speaks to OpenAI. */
class RealtimePeerTest {

    private static final String KEY = "sk-peer-test";

    private static Vertx vertx;
    private static RealtimePeer peer;
    private static WebSocketClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        peer = RealtimePeer.start(vertx, KEY, 4);
        client = vertx.createWebSocketClient();
    }

    @AfterAll
    static void stop() {
        peer.close();
        HttpEndpoint.await(vertx.close());
    }

    @Test
    void aWrongKeyIsRefused() {
        assertThatThrownBy(() -> connect("sk-wrong", new LinkedBlockingQueue<>())).hasMessageContaining("401");
    }

    @Test
    void confirmsTheSessionStreamsTaggedAudioAndBargesInAsTheRealServerDoes() throws Exception {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        WebSocket socket = connect(KEY, events);
        assertThat(next(events, "session.created")).isNotNull();

        socket.writeTextMessage("""
                {"type":"session.update","session":{"type":"realtime","audio":{"output":{"format":{"type":"audio/pcmu"}}}}}""");
        assertThat(next(events, "session.updated").at("/session/audio/output/format/type").asText()).isEqualTo("audio/pcmu");

        socket.writeTextMessage("{\"type\":\"response.create\"}");
        String firstItem = next(events, "response.output_item.added").at("/item/id").asText();
        JsonNode delta = next(events, "response.output_audio.delta");
        assertThat(delta.get("item_id").asText()).isEqualTo(firstItem);
        assertThat(AudioTag.read(delta.get("delta").asText())).isNotNull();

        socket.writeTextMessage(append(new AudioTag(2, 0, System.nanoTime(), false)));
        socket.writeTextMessage(append(new AudioTag(2, 1, System.nanoTime(), true)));
        assertThat(next(events, "input_audio_buffer.speech_started")).isNotNull();
        JsonNode done = events.poll(5, TimeUnit.SECONDS);
        assertThat(done.get("type").asText()).isEqualTo("response.done");
        assertThat(done.at("/response/status").asText()).isEqualTo("cancelled");
        assertThat(done.at("/response/status_details/reason").asText()).isEqualTo("turn_detected");
        assertThat(events.poll(5, TimeUnit.SECONDS).get("type").asText()).isEqualTo("response.created");
        assertThat(next(events, "response.output_item.added").at("/item/id").asText()).isNotEqualTo(firstItem);

        socket.writeTextMessage("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + firstItem
                + "\",\"content_index\":0,\"audio_end_ms\":140}");
        assertThat(next(events, "conversation.item.truncated").get("audio_end_ms").asLong()).isEqualTo(140);
        assertThat(peer.measurements().truncate.snapshot().count()).isEqualTo(1);
        assertThat(peer.measurements().up.snapshot().count()).isEqualTo(2);
        HttpEndpoint.await(socket.close());
    }

    private static WebSocket connect(String key, BlockingQueue<JsonNode> events) {
        // The handler is set on the event loop as the socket opens, or session.created could come before it.
        return HttpEndpoint.await(client.connect(new WebSocketConnectOptions()
                .setAbsoluteURI(peer.realtimeUrl() + "?model=gpt-realtime")
                .addHeader("Authorization", "Bearer " + key)).map(socket -> {
                    socket.textMessageHandler(text -> {
                        try {
                            events.add(Json.MAPPER.readTree(text));
                        } catch (JsonProcessingException e) {
                            throw new AssertionError("the peer sent something that is not JSON: " + text, e);
                        }
                    });
                    return socket;
                }));
    }

    private static String append(AudioTag tag) {
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + tag.toPayload() + "\"}";
    }

    /** The next event of this type, skipping audio deltas and others in between. */
    private static JsonNode next(BlockingQueue<JsonNode> events, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.get("type").asText().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " within 5 s");
    }
}
