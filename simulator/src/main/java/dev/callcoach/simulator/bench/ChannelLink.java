package dev.callcoach.simulator.bench;

import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelMessage;
import dev.callcoach.contracts.channel.ChannelProtocol;
import dev.callcoach.contracts.channel.ChannelProtocolException;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ChannelRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The webapp's side of the channel ({@code /channel/v1}, docs/channel-protocol.md): one token-checked
 * WebSocket, requests answered by correlation id, all encoding through the shared {@link ChannelCodec}.
 */
final class ChannelLink implements AutoCloseable {

    private final ChannelCodec codec = new ChannelCodec();
    private final Map<String, Promise<ChannelReply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final WebSocket socket;

    private ChannelLink(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(this::onText);
        socket.closeHandler(v -> failAll("the channel closed"));
    }

    /** Opens the channel of the backend at {@code backendUrl} ({@code http://host:port}). */
    static Future<ChannelLink> open(WebSocketClient client, String backendUrl, String token) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(backendUrl.replaceFirst("^http", "ws") + ChannelProtocol.PATH)
                .addHeader(ChannelProtocol.TOKEN_HEADER, ChannelProtocol.BEARER_PREFIX + token);
        return client.connect(options).map(ChannelLink::new);
    }

    /** Sends the request {@code build} makes from a fresh correlation id; completes with its reply. */
    Future<ChannelReply> request(Function<String, ChannelRequest> build) {
        String correlationId = "bench-" + nextId.incrementAndGet();
        Promise<ChannelReply> reply = Promise.promise();
        pending.put(correlationId, reply);
        socket.writeTextMessage(codec.encode(build.apply(correlationId)))
                .onFailure(e -> fail(correlationId, e.getMessage()));
        return reply.future();
    }

    private void onText(String text) {
        ChannelMessage message;
        try {
            message = codec.decode(text);
        } catch (ChannelProtocolException e) {
            failAll("the backend sent an unreadable channel frame: " + e.getMessage());
            return;
        }
        if (message instanceof ChannelReply reply && reply.correlationId() != null) {
            Promise<ChannelReply> waiting = pending.remove(reply.correlationId());
            if (waiting != null) {
                waiting.complete(reply);
            }
        }
        // Session events (status, transcript) only come for subscribed sessions; the benchmark subscribes to none.
    }

    private void fail(String correlationId, String why) {
        Promise<ChannelReply> waiting = pending.remove(correlationId);
        if (waiting != null) {
            waiting.fail(why);
        }
    }

    private void failAll(String why) {
        pending.keySet().forEach(id -> fail(id, why));
    }

    @Override
    public void close() {
        socket.close();
    }
}
