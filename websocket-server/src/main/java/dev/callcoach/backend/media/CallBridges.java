package dev.callcoach.backend.media;

import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.realtime.OpenAiConfig;
import dev.callcoach.backend.realtime.RealtimeQuota;
import dev.callcoach.backend.realtime.RealtimeConnector;
import dev.callcoach.backend.realtime.SessionUpdateBuilder;
import dev.callcoach.backend.call.CallCapacity;
import dev.callcoach.backend.call.CallEventPublisher;
import dev.callcoach.backend.call.SessionStore;
import dev.callcoach.backend.report.FinishedCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Makes the bridge for each new Media Stream or browser media socket, with the collaborators all calls share. Created at
 * startup, so a missing goodbye clip stops the service and the bridge's meters show from the start.
 */
@ApplicationScoped
@Startup
class CallBridges {

    /**
     * "Sorry, we lost the connection to your practice partner. Goodbye." as
     * raw μ-law 8 kHz mono, made once with {@code espeak-ng -s 160 -w g.wav "..."} and
     * {@code sox g.wav -r 8000 -c 1 -e mu-law -t raw goodbye.ulaw}.
     */
    static final String GOODBYE_CLIP = "media/goodbye.ulaw";

    private static final Logger LOG = Logger.getLogger(CallBridges.class);

    private final CallBridge.Dependencies dependencies;
    private final Vertx vertx;
    private final Clock clock;

    CallBridges(CallPlanner planner, RealtimeConnector realtime, OpenAiConfig openAi, CallEventPublisher events,
                SessionStore sessions, CallControl control, MeterRegistry meters, CallConfig config, RealtimeQuota quota,
                PhoneLimiter limiter, Vertx vertx, Clock clock, FinishedCalls finishedCalls, CallCapacity capacity) {
        CallBridge.Attempts attempts = sessionId -> limiter.forgive(sessionId).subscribe().with(forgiven -> { },
                failure -> LOG.warnf("call not forgiven session=%s: %s", sessionId, failure.getMessage()));
        this.dependencies = new CallBridge.Dependencies(planner, realtime, SessionUpdateBuilder.from(openAi), events,
                sessions, control, new BridgeMetrics(meters, capacity), config, openAi, quota, attempts, new GoodbyeClip(readClip()),
                finishedCalls);
        this.vertx = vertx;
        this.clock = clock;
    }

    /** The side and bridge of a Media Stream that just opened; call from the socket's own event loop. */
    TwilioStream openTwilio(TwilioStream.Socket socket, StreamBinding binding) {
        return TwilioStream.open(dependencies, socket, scheduler(), binding);
    }

    /**
     * The side and bridge of a browser media socket that just opened, admitted for {@code session} at its
     * upgrade; the call starts at once. Call from the connection's own thread.
     */
    BrowserStream openBrowser(WebSocketConnection connection, UUID session) {
        BrowserStream.Socket socket = new BrowserStream.Socket() {
            @Override
            public void sendText(String frame) {
                sendQuietly(connection, () -> connection.sendText(frame));
            }

            @Override
            public void sendBinary(byte[] frame) {
                sendQuietly(connection, () -> connection.sendBinary(frame));
            }

            @Override
            public void close() {
                closeQuietly(connection);
            }
        };
        return BrowserStream.open(dependencies, socket, scheduler(), session);
    }

    private CallScheduler scheduler() {
        return new VertxCallScheduler(vertx, callContext(), clock);
    }

    /** A failed send only means the peer went away, which its close event tells the bridge. */
    private static void sendQuietly(WebSocketConnection connection, Supplier<Uni<Void>> send) {
        if (connection.isOpen()) {
            send.get().subscribe().with(ok -> { },
                    failure -> LOG.debugf("media send failed connection=%s: %s", connection.id(), failure.getMessage()));
        }
    }

    private static void closeQuietly(WebSocketConnection connection) {
        if (connection.isOpen()) {
            connection.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    private Context callContext() {
        Context current = Vertx.currentContext();
        return current != null ? current : vertx.getOrCreateContext();
    }

    private static byte[] readClip() {
        try (InputStream in = CallBridges.class.getClassLoader().getResourceAsStream(GOODBYE_CLIP)) {
            if (in == null) {
                throw new IllegalStateException(GOODBYE_CLIP + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + GOODBYE_CLIP, e);
        }
    }
}
