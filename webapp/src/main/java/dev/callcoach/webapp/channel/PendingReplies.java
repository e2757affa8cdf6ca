package dev.callcoach.webapp.channel;

import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ErrorReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Requests waiting for their reply, by correlation id. A request may name what to do with a reply that
 * comes after it gave up waiting (a reservation must then be given back); such late replies are expected
 * for a while after the timeout, then forgotten.
 */
final class PendingReplies {

    private static final Logger log = LoggerFactory.getLogger(PendingReplies.class);
    /** Most timed-out requests whose late reply is still looked out for; the oldest go first. */
    static final int MAX_AWAITED_LATE = 1_000;

    private final Duration timeout;
    private final Duration lateWindow;
    private final LongSupplier nanoTime;
    private final Map<String, CompletableFuture<ChannelReply>> pending = new ConcurrentHashMap<>();
    /** Insertion-ordered, so the oldest is dropped first; guarded by itself. */
    private final Map<String, Late> awaitedLate = new LinkedHashMap<>();

    private record Late(long expiresAtNanos, Consumer<ChannelReply> handler) {
    }

    PendingReplies(Duration timeout, LongSupplier nanoTime) {
        this.timeout = timeout;
        // A reply slower than many timeouts is not coming; the backend's own expiry cleans up after that.
        this.lateWindow = timeout.multipliedBy(20);
        this.nanoTime = nanoTime;
    }

    /**
     * Starts waiting for the reply to {@code id}. The future fails with a {@link TimeoutException} when none
     * comes in time; {@code onLate} (may be null) then gets the reply should it still come.
     */
    CompletableFuture<ChannelReply> expect(String id, Consumer<ChannelReply> onLate) {
        CompletableFuture<ChannelReply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ignored, failure) -> {
            pending.remove(id);
            if (onLate != null && ChannelConnection.unwrap(failure) instanceof TimeoutException) {
                awaitLate(id, onLate);
            }
        });
        return reply;
    }

    /** Hands a reply to its request, or to the late handler of a request that stopped waiting. */
    void complete(ChannelReply reply) {
        CompletableFuture<ChannelReply> future = pending.get(reply.correlationId());
        if (future != null) {
            if (reply instanceof ErrorReply error) {
                future.completeExceptionally(ChannelException.of(error));
            } else {
                future.complete(reply);
            }
            return;
        }
        Late late = takeLate(reply.correlationId());
        if (late == null) {
            log.debug("event=channel_late_reply correlationId={} handled=false", reply.correlationId());
            return;
        }
        log.warn("event=channel_late_reply correlationId={} type={} handled=true", reply.correlationId(),
                reply.getClass().getSimpleName());
        try {
            late.handler().accept(reply);
        } catch (RuntimeException e) {
            log.error("event=channel_late_reply_failed correlationId={}", reply.correlationId(), e);
        }
    }

    /** Fails one request, e.g. when its reply could not be read. */
    void fail(String id, RuntimeException failure) {
        CompletableFuture<ChannelReply> future = pending.get(id);
        if (future != null) {
            future.completeExceptionally(failure);
        }
    }

    /** Fails every waiting request: the connection they were sent on is gone, and their replies with it. */
    void failAll() {
        for (CompletableFuture<ChannelReply> reply : pending.values()) {
            reply.completeExceptionally(ChannelException.unavailable());
        }
    }

    int size() {
        return pending.size();
    }

    private void awaitLate(String id, Consumer<ChannelReply> handler) {
        long now = nanoTime.getAsLong();
        synchronized (awaitedLate) {
            prune(now);
            if (awaitedLate.size() >= MAX_AWAITED_LATE) {
                awaitedLate.remove(awaitedLate.keySet().iterator().next());
            }
            awaitedLate.put(id, new Late(now + lateWindow.toNanos(), handler));
        }
    }

    private Late takeLate(String id) {
        synchronized (awaitedLate) {
            prune(nanoTime.getAsLong());
            return awaitedLate.remove(id);
        }
    }

    private void prune(long now) {
        Iterator<Late> oldestFirst = awaitedLate.values().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().expiresAtNanos() - now <= 0) {
            oldestFirst.remove();
        }
    }
}
