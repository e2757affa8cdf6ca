package dev.callcoach.backend.media;

import dev.callcoach.backend.browser.BrowserMediaPath;
import dev.callcoach.backend.browser.BrowserUpgradeCheck;
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
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A browser session's media socket, one URL per session. The upgrade is refused before open unless the
 * page's origin is allowed and it brings the session's unused media token ({@link BrowserUpgradeCheck});
 * the connection then gets its own {@link CallBridge} through a {@link BrowserStream}. Everything runs on
 * the connection's event loop: the bridge never blocks.
 */
@WebSocket(path = BrowserMediaPath.PREFIX + "/{" + BrowserMediaPath.SESSION_PARAM + "}",
        endpointId = BrowserMediaPath.ENDPOINT_ID)
public class BrowserMediaEndpoint {

    private static final UserData.TypedKey<BrowserStream> STREAM = new UserData.TypedKey<>("callcoach.browser-stream");
    private static final Logger LOG = Logger.getLogger(BrowserMediaEndpoint.class);

    private final CallBridges bridges;

    BrowserMediaEndpoint(CallBridges bridges) {
        this.bridges = bridges;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        // The upgrade check admitted exactly this path's session, so the id parses.
        UUID session = UUID.fromString(connection.pathParam(BrowserMediaPath.SESSION_PARAM));
        connection.userData().put(STREAM, bridges.openBrowser(connection, session));
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String frame) {
        guarded(connection, stream -> stream.onText(frame));
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer frame) {
        guarded(connection, stream -> stream.onBinary(frame.getBytes()));
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        guarded(connection, BrowserStream::onClosed);
    }

    @OnError
    @NonBlocking
    void error(WebSocketConnection connection, Throwable failure) {
        LOG.warnf("browser media socket error connection=%s: %s", connection.id(), failure.toString());
        guarded(connection, BrowserStream::onClosed);
    }

    private static void guarded(WebSocketConnection connection, Consumer<BrowserStream> action) {
        SideEvents.deliver(connection, STREAM, BrowserStream::bridge, action);
    }
}
