package dev.callcoach.backend.channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends notifications to every backend instance listening on the database, in the order
 * {@link #publish} was called: one batch in flight at a time, everything queued meanwhile goes out
 * together in the next statement (one transaction, so Postgres delivers it in order and unsplit).
 */
public class NotifyPublisher {

    /** The LISTEN/NOTIFY channel every instance uses. */
    public static final String CHANNEL = "callcoach_events";

    private final Pool pool;
    private final String origin;
    private final AtomicLong sequence = new AtomicLong();
    private final Deque<Queued> queue = new ArrayDeque<>();
    private boolean sending;

    public NotifyPublisher(Pool pool, String origin) {
        this.pool = pool;
        this.origin = origin;
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
        synchronized (this) {
            queue.add(queued);
        }
        sendNext();
        return Uni.createFrom().completionStage(queued.sent());
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
