package dev.callcoach.backend.eventloop;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.spi.transport.Transport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Says at start-up how the event loops wait for the network, including when the batch window cannot apply
 * (no epoll: not Linux, or {@code quarkus.vertx.prefer-native-transport} off), so an operator comparing CPU
 * figures knows which loops they measured. Not a warning: the window is on by default, and a developer's
 * machine without epoll is not a fault. Injecting {@link EventLoopConfig} here also registers
 * the mapping that {@link BatchingEpollTransport} reads before CDI starts.
 */
@ApplicationScoped
class EventLoopReport {

    private static final Logger LOG = Logger.getLogger(EventLoopReport.class);

    private final EventLoopConfig config;
    private final Vertx vertx;

    EventLoopReport(EventLoopConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent start) {
        Duration window = config.batchWindow();
        Transport transport = ((VertxInternal) vertx).transport();
        if (transport instanceof BatchingEpollTransport) {
            LOG.infof("event_loops transport=epoll batch_window_us=%d", window.toNanos() / 1_000);
        } else if (!window.isZero()) {
            LOG.infof("event_loops transport=%s batch_window_us=%d: the window has no effect without epoll",
                    transport.getClass().getSimpleName(), window.toNanos() / 1_000);
        }
    }
}
