package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callcoach.simulator.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain JDK WebSocket client speaking to FakeRealtime, collecting server events for assertions. */
final class RealtimeTestClient implements AutoCloseable {

    static final String KEY = "sk-test-key";

    final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    final List<JsonNode> seen = new ArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RealtimeTestClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    static RealtimeTestClient connect(FakeRealtime fake, boolean beta) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + KEY);
        if (beta) {
            builder.header("OpenAI-Beta", "realtime=v1");
        }
        return new RealtimeTestClient(builder, URI.create(fake.realtimeUrl(beta ? "gpt-4o-realtime-preview-2024-12-17" : "gpt-realtime")));
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    void append(byte[] audio) {
        send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(audio) + "\"}");
    }

    /** The next event of {@code type}; everything before it is kept in {@link #seen}. */
    JsonNode next(String type) {
        try {
            while (true) {
                JsonNode event = events.poll(10, TimeUnit.SECONDS);
                if (event == null) {
                    throw new AssertionError("no " + type + " within 10 s; saw " + types());
                }
                seen.add(event);
                if (event.path("type").asText().equals(type)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<String> types() {
        return seen.stream().map(e -> e.path("type").asText()).toList();
    }

    /** Types seen since index {@code from} of {@link #seen}. */
    List<String> typesSince(int from) {
        return types().subList(from, seen.size());
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    events.add(Json.MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
