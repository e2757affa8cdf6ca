package dev.callcoach.backend.media;

import dev.callcoach.backend.twilio.MediaUpgradeCheck;
import dev.callcoach.backend.twilio.VoiceAnswers;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Twilio's bidirectional Media Stream, one URL per session. The upgrade is refused before open
 * unless Twilio signed it for this very URL ({@link MediaUpgradeCheck}); each connection then gets its own
 * {@link CallBridge}, bound to the session in its path ({@link StreamBinding}). Everything runs on the
 * connection's event loop: the bridge never blocks.
 */
@WebSocket(path = VoiceAnswers.MEDIA_PATH + "/{" + TwilioMediaEndpoint.SESSION_PATH_PARAM + "}",
        endpointId = MediaUpgradeCheck.MEDIA_ENDPOINT_ID)
public class TwilioMediaEndpoint {

    static final String SESSION_PATH_PARAM = "session";

    private static final UserData.TypedKey<TwilioStream> STREAM = new UserData.TypedKey<>("callcoach.twilio-stream");
    private static final Logger LOG = Logger.getLogger(TwilioMediaEndpoint.class);

    private final CallBridges bridges;

    TwilioMediaEndpoint(CallBridges bridges) {
        this.bridges = bridges;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        connection.userData().put(STREAM, bridges.openTwilio(connection));
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String frame) {
        guarded(connection, stream -> stream.onText(frame));
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer frame) {
        guarded(connection, TwilioStream::onBinary);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        guarded(connection, TwilioStream::onClosed);
    }

    @OnError
    @NonBlocking
    void error(WebSocketConnection connection, Throwable failure) {
        LOG.warnf("media stream error connection=%s: %s", connection.id(), failure.toString());
        guarded(connection, TwilioStream::onClosed);
    }

    private static void guarded(WebSocketConnection connection, Consumer<TwilioStream> action) {
        SideEvents.deliver(connection, STREAM, TwilioStream::bridge, action);
    }
}
