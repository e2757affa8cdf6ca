package dev.callcoach.backend.channel;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Holds this instance's LISTEN connection (its own, outside the pool) and passes what other instances
 * NOTIFY to {@link SessionEvents}. Reconnects every {@value #RETRY_MILLIS} ms while the database is
 * away; notifications sent meanwhile are lost, as LISTEN/NOTIFY keeps nothing for absent listeners.
 */
@ApplicationScoped
public class NotifyListener {

    private static final Logger LOG = Logger.getLogger(NotifyListener.class);
    private static final long RETRY_MILLIS = 1000;

    private final Vertx vertx;
    private final SessionEvents events;
    private final PgConnectOptions connectOptions;
    private final Notification.Reassembly reassembly = new Notification.Reassembly();
    private volatile PgSubscriber subscriber;
    private volatile boolean listening;
    private volatile boolean stopped;

    NotifyListener(Vertx vertx, SessionEvents events,
                   @ConfigProperty(name = "quarkus.datasource.reactive.url") List<String> urls,
                   @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                   @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.events = events;
        PgConnectOptions options = PgConnectOptions.fromUri(urls.getFirst());
        // Its own name in the SQL client metrics, apart from the pool's.
        options.setMetricsName("notify-listener");
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        this.connectOptions = options;
    }

    /** Whether LISTEN is in place, so notifications sent from now on arrive. */
    public boolean isListening() {
        return listening;
    }

    void start(@Observes StartupEvent startup) {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions)
                .reconnectPolicy(retries -> stopped ? -1L : RETRY_MILLIS);
        subscriber.closeHandler(closed -> {
            listening = false;
            reassembly.clear();
            if (!stopped) {
                LOG.warn("event=notify_listener_lost action=reconnect");
            }
        });
        subscriber.channel(NotifyPublisher.CHANNEL)
                .subscribeHandler(ready -> {
                    listening = true;
                    LOG.info("event=notify_listening channel=" + NotifyPublisher.CHANNEL);
                })
                .handler(this::onPayload);
        connect();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void connect() {
        subscriber.connect().onFailure(failure -> {
            if (!stopped) {
                LOG.warnf("event=notify_listener_connect_failed retry_in=%s cause=\"%s\"",
                        Duration.ofMillis(RETRY_MILLIS), failure.getMessage());
                vertx.setTimer(RETRY_MILLIS, timer -> connect());
            }
        });
    }

    private void onPayload(String payload) {
        try {
            reassembly.add(Notification.Part.parse(payload)).ifPresent(events::received);
        } catch (RuntimeException e) {
            // Someone else's NOTIFY on our channel, or a bug: never let it stop the listener.
            LOG.warnf("event=notification_dropped cause=\"%s\"", e.getMessage());
        }
    }
}
