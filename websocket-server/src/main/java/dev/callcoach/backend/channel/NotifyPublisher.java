package dev.callcoach.backend.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends notifications to every backend instance listening on the database, in the order
 * {@link #publish} was called: one batch in flight at a time, everything queued meanwhile goes out
 * together in the next statement (one transaction, so Postgres delivers it in order and unsplit).
 *
 * <p>The queue holds at most {@code capacity} messages. When Postgres is slower than the events come, the
 * oldest queued message is dropped (its {@link #publish} completes as if sent: events are best-effort),
 * counted in {@code callcoach_notify_dropped_total}, and the first drop is logged; memory stays bounded.
 */
public class NotifyPublisher {

    /** The LISTEN/NOTIFY channel every instance uses. */
    public static final String CHANNEL = "callcoach_events";

    private static final Logger LOG = Logger.getLogger(NotifyPublisher.class);

    private final Pool pool;
    private final String origin;
    private final int capacity;
    private final Counter dropped;
    private final AtomicBoolean dropLogged = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    private final Deque<Queued> queue = new ArrayDeque<>();
    private boolean sending;

    public NotifyPublisher(Pool pool, String origin, int capacity, MeterRegistry registry) {
        if (capacity < 1) {
            throw new IllegalArgumentException("callcoach.channel.notify-queue-capacity must be at least 1, got " + capacity);
        }
        this.pool = pool;
        this.origin = origin;
        this.capacity = capacity;
        this.dropped = Counter.builder("callcoach.notify.dropped")
                .description("Session events not sent to other instances because the NOTIFY queue was full")
                .register(registry);
    }

    public String origin() {
        return origin;
    }

    /**
     * Queues the message at once (so call order is send order, whether or not the result is
     * subscribed) and completes when it was handed to Postgres.
     */
    public Uni<Void> publish(Notification.Kind kind, String body) {
        Queued queued = new Queued(new Notification(origin, sequence.incrementAndGet(), kind, body).payloads(),
                new CompletableFuture<>());
        Queued oldest = null;
        synchronized (this) {
            if (queue.size() >= capacity) {
                oldest = queue.removeFirst();
            }
            queue.add(queued);
        }
        if (oldest != null) {
            dropped(oldest);
        }
        sendNext();
        return Uni.createFrom().completionStage(queued.sent());
    }

    private void dropped(Queued oldest) {
        dropped.increment();
        oldest.sent().complete(null);
        if (dropLogged.compareAndSet(false, true)) {
            LOG.warnf("event=notify_queue_full capacity=%d action=dropping_oldest metric=callcoach_notify_dropped_total", capacity);
        }
    }

    private void sendNext() {
        List<Queued> batch;
        synchronized (this) {
            if (sending || queue.isEmpty()) {
                return;
            }
            sending = true;
            batch = new ArrayList<>(queue);
            queue.clear();
        }
        String[] payloads = batch.stream().flatMap(queued -> queued.payloads().stream()).toArray(String[]::new);
        // unnest yields in array order, so the notifications go out in queue order.
        pool.preparedQuery("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload")
                .execute(Tuple.of(CHANNEL, payloads))
                .subscribe().with(
                        rows -> finish(batch, null),
                        failure -> finish(batch, failure));
    }

    private void finish(List<Queued> batch, Throwable failure) {
        synchronized (this) {
            sending = false;
        }
        for (Queued queued : batch) {
            if (failure == null) {
                queued.sent().complete(null);
            } else {
                queued.sent().completeExceptionally(failure);
            }
        }
        sendNext();
    }

    private record Queued(List<String> payloads, CompletableFuture<Void> sent) {
    }
}
