package dev.callcoach.backend.testing;

import static org.awaitility.Awaitility.await;

import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.ChannelMessage;
import dev.callcoach.contracts.channel.ChannelProtocol;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ChannelRequest;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptEvent;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real WebSocket client of the channel, as the webapp would be: keeps every frame it receives,
 * replies by correlation id, events in arrival order.
 */
public final class ChannelClient implements AutoCloseable {

    public static final String TOKEN = "insecure-dev-channel-token-not-for-production";

    private final ChannelCodec codec = new ChannelCodec();
    private final Map<String, ChannelReply> replies = new ConcurrentHashMap<>();
    private final List<ChannelReply> uncorrelated = new CopyOnWriteArrayList<>();
    private final List<ChannelEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final AtomicReference<CloseReason> closed = new AtomicReference<>();
    private WebSocketClientConnection connection;

    private ChannelClient() {
    }

    /** Connects with the test token. */
    public static ChannelClient connect(URI base) {
        return connect(base, ChannelProtocol.BEARER_PREFIX + TOKEN);
    }

    /** Connects with this {@code Authorization} header value, or none if null; fails if the upgrade is refused. */
    public static ChannelClient connect(URI base, String authorization) {
        ChannelClient client = new ChannelClient();
        BasicWebSocketConnector connector = BasicWebSocketConnector.create()
                .baseUri(base)
                .path(ChannelProtocol.PATH)
                // On the connection's event loop: frames are recorded in the order they arrived.
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((connection, frame) -> client.received(frame))
                .onClose((connection, reason) -> client.closed.set(reason));
        if (authorization != null) {
            connector.addHeader(ChannelProtocol.TOKEN_HEADER, authorization);
        }
        client.connection = connector.connectAndAwait();
        return client;
    }

    public void send(String frame) {
        connection.sendTextAndAwait(frame);
    }

    public void sendBinary(byte[] frame) {
        connection.sendBinaryAndAwait(frame);
    }

    /** Sends the request and waits for the reply with its correlation id. */
    public ChannelReply request(ChannelRequest request) {
        send(codec.encode(request));
        return reply(request.correlationId());
    }

    public ChannelReply reply(String correlationId) {
        // No initial delay: a reply that is already there is returned at once.
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> replies.containsKey(correlationId));
        return replies.get(correlationId);
    }

    /** Replies without a correlation id (to frames that could not be read), in arrival order. */
    public List<ChannelReply> uncorrelatedReplies() {
        return List.copyOf(uncorrelated);
    }

    public List<ChannelEvent> events() {
        return List.copyOf(events);
    }

    /** The final transcript lines of one speaker received so far, in order. */
    public List<String> finalLines(Speaker speaker) {
        return events.stream()
                .filter(event -> event instanceof TranscriptEvent t && t.isFinal() && t.speaker() == speaker)
                .map(event -> ((TranscriptEvent) event).text())
                .toList();
    }

    /** The statuses of the {@code call.status} events received so far, in order. */
    public List<CallStatus> statuses() {
        return events.stream()
                .filter(CallStatusChanged.class::isInstance)
                .map(event -> ((CallStatusChanged) event).status())
                .toList();
    }

    /** Every frame received, as text. */
    public List<String> frames() {
        return List.copyOf(frames);
    }

    public boolean isOpen() {
        return connection.isOpen() && closed.get() == null;
    }

    public CloseReason closeReason() {
        return closed.get();
    }

    @Override
    public void close() {
        if (connection.isOpen()) {
            connection.closeAndAwait();
        }
    }

    private void received(String frame) {
        frames.add(frame);
        ChannelMessage message = codec.decode(frame);
        switch (message) {
            case ChannelEvent event -> events.add(event);
            case ChannelReply reply when reply.correlationId() == null -> uncorrelated.add(reply);
            case ChannelReply reply -> replies.put(reply.correlationId(), reply);
            case ChannelRequest request -> throw new IllegalStateException("the backend sent a request: " + request);
        }
    }
}
