package dev.callcoach.backend.media;

import dev.callcoach.backend.twilio.MediaUpgradeCheck;
import dev.callcoach.backend.twilio.VoiceAnswers;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Twilio's bidirectional Media Stream, one URL per session, on a plain Vert.x WebSocket rather than a
 * websockets-next endpoint. It is the hottest path of the product (50 frames a second each way per call), and
 * websockets-next makes a task of every message received and a {@code Uni} of every message sent; under load
 * those tasks queue, and the delays with them (docs/benchmarks.md, "Third round"). Here Twilio's frames reach
 * the bridge straight from the socket's read, on its event loop, and frames go out with one write each.
 *
 * <p>The upgrade is refused with 403 before the socket opens unless Twilio signed it for this very URL
 * ({@link MediaUpgradeCheck}); each socket then gets its own {@link CallBridge}, bound to the session in its
 * path ({@link StreamBinding}). The frame and message size limits are the server's, the ones websockets-next
 * configures (docs/configuration.md).
 */
@ApplicationScoped
class TwilioMediaRoute {

    private static final String SESSION_PATH_PARAM = "session";

    private static final Logger LOG = Logger.getLogger(TwilioMediaRoute.class);

    private final CallBridges bridges;
    private final MediaUpgradeCheck upgrades;

    TwilioMediaRoute(CallBridges bridges, MediaUpgradeCheck upgrades) {
        this.bridges = bridges;
        this.upgrades = upgrades;
    }

    void register(@Observes Router router) {
        router.get(VoiceAnswers.MEDIA_PATH + "/:" + SESSION_PATH_PARAM).handler(this::upgrade);
    }

    private void upgrade(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader("upgrade"))) {
            context.response().setStatusCode(400).end("a Media Stream is a WebSocket");
            return;
        }
        if (!upgrades.permits(request.uri(), request.getHeader(MediaUpgradeCheck.SIGNATURE_HEADER))) {
            context.response().setStatusCode(403).end();
            return;
        }
        String session = context.pathParam(SESSION_PATH_PARAM);
        request.toWebSocket().onSuccess(socket -> open(socket, session)).onFailure(failure -> {
            LOG.warnf("media stream upgrade failed: %s", failure.getMessage());
            if (!context.response().ended()) {
                context.response().setStatusCode(400).end("not a valid WebSocket handshake");
            }
        });
    }

    private void open(ServerWebSocket socket, String session) {
        TwilioStream stream = bridges.openTwilio(new VertxSocket(socket), new StreamBinding(session));
        socket.textMessageHandler(frame -> deliver(stream, side -> side.onText(frame)));
        socket.binaryMessageHandler(frame -> deliver(stream, TwilioStream::onBinary));
        socket.exceptionHandler(failure -> {
            LOG.warnf("media stream error: %s", failure.toString());
            deliver(stream, TwilioStream::onClosed);
        });
        socket.closeHandler(closed -> deliver(stream, TwilioStream::onClosed));
    }

    private static void deliver(TwilioStream stream, Consumer<TwilioStream> action) {
        SideEvents.deliver(stream, TwilioStream::bridge, action);
    }

    /** A failed write only means Twilio went away, which the socket's close tells the bridge. */
    private record VertxSocket(ServerWebSocket socket) implements TwilioStream.Socket {

        @Override
        public void send(String frame) {
            if (!socket.isClosed()) {
                socket.writeTextMessage(frame);
            }
        }

        @Override
        public void close() {
            if (!socket.isClosed()) {
                socket.close();
            }
        }
    }
}
