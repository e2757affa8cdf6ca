package dev.callcoach.backend.channel;

import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelProtocol;
import dev.callcoach.contracts.channel.ChannelProtocolException;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ErrorCode;
import dev.callcoach.contracts.channel.ErrorReply;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The webapp's WebSocket ({@value ChannelProtocol#PATH}). Authenticated before the upgrade by
 * {@link ChannelTokenCheck}; every text frame gets exactly one reply from {@link ChannelDispatcher}.
 * Frames are handled concurrently, since one webapp connection carries every visitor's requests and a
 * slow reservation must not hold up the rest; replies are matched by correlation id.
 */
@WebSocket(path = ChannelProtocol.PATH, endpointId = ChannelEndpoint.ID, inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class ChannelEndpoint {

    static final String ID = "channel";
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final int INTERNAL_ERROR = 1011;
    private static final Logger LOG = Logger.getLogger(ChannelEndpoint.class);

    private final ChannelDispatcher dispatcher;
    private final SessionEvents events;
    private final ChannelCodec codec;
    private final AtomicInteger open;

    ChannelEndpoint(ChannelDispatcher dispatcher, SessionEvents events, ChannelCodec codec, MeterRegistry registry) {
        this.dispatcher = dispatcher;
        this.events = events;
        this.codec = codec;
        this.open = registry.gauge("callcoach.channel.connections", new AtomicInteger());
    }

    @OnOpen
    void opened(WebSocketConnection connection) {
        open.incrementAndGet();
        LOG.infof("event=channel_open connection=%s remote=%s", connection.id(), connection.handshakeRequest().remoteAddress());
    }

    @OnTextMessage
    Uni<String> text(String frame, WebSocketConnection connection) {
        return dispatcher.handle(frame, sink(connection)).map(this::encode);
    }

    @OnBinaryMessage
    Uni<Void> binary(Buffer frame, WebSocketConnection connection) {
        return connection.sendText(encode(new ErrorReply(null, ErrorCode.INVALID_MESSAGE,
                "binary frames are not part of the protocol; send JSON text frames")));
    }

    /**
     * Only the transport fails here (the handlers above never do): in practice a message beyond the
     * configured ceiling. The connection is closed with a short reason (close frames hold 123 bytes).
     */
    @OnError
    Uni<Void> failed(Throwable failure, WebSocketConnection connection) {
        boolean tooBig = String.valueOf(failure.getMessage()).contains("max message size");
        LOG.warnf("event=channel_connection_failed connection=%s cause=\"%s\"", connection.id(), failure.getMessage());
        return connection.close(tooBig ? new CloseReason(MESSAGE_TOO_BIG, "message too big")
                : new CloseReason(INTERNAL_ERROR, "internal error"));
    }

    @OnClose
    void closed(WebSocketConnection connection) {
        open.decrementAndGet();
        events.unsubscribeAll(sink(connection));
        dispatcher.closed(sink(connection));
        LOG.infof("event=channel_closed connection=%s reason=%s", connection.id(), connection.closeReason());
    }

    private String encode(ChannelReply reply) {
        try {
            return codec.encode(reply);
        } catch (ChannelProtocolException e) {
            // A reply over the frame limit (a huge catalog): the peer still gets an answer it can read.
            LOG.errorf("event=channel_reply_too_large correlation=%s", reply.correlationId());
            return codec.encode(new ErrorReply(reply.correlationId(), ErrorCode.INTERNAL, e.getMessage()));
        }
    }

    private static EventSink sink(WebSocketConnection connection) {
        return new ConnectionSink(connection);
    }

    /** Equal for the same connection, so subscriptions made through one frame are found from another. */
    private record ConnectionSink(WebSocketConnection connection) implements EventSink {

        @Override
        public String id() {
            return connection.id();
        }

        @Override
        public void send(String frame) {
            connection.sendText(frame).subscribe().with(
                    sent -> { },
                    failure -> LOG.debugf("event=channel_event_not_sent connection=%s cause=\"%s\"", connection.id(),
                            failure.getMessage()));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ConnectionSink that && that.id().equals(id());
        }

        @Override
        public int hashCode() {
            return id().hashCode();
        }
    }
}
