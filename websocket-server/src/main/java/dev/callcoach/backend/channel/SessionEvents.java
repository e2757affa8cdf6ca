package dev.callcoach.backend.channel;

import dev.callcoach.backend.call.EndCallRequested;
import dev.callcoach.contracts.channel.EndReason;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.ChannelMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Session events for the webapp, across all backend instances. {@link #publish} hands an event at once
 * to this instance's subscribers of the session and through Postgres NOTIFY to every other instance,
 * whose {@link NotifyListener} hands it to theirs. While Postgres is away only local subscribers get
 * events.
 *
 * <p>Subscriptions belong to an {@link EventSink} (a channel connection) and end with it.
 */
@ApplicationScoped
public class SessionEvents {

    private static final Logger LOG = Logger.getLogger(SessionEvents.class);

    private final ChannelCodec codec;
    private final DatabaseFailover failover;
    private final Event<EndCallRequested> endRequests;
    private final NotifyPublisher publisher;
    private final Map<UUID, Set<EventSink>> bySession = new ConcurrentHashMap<>();
    private final Map<String, Set<UUID>> bySink = new ConcurrentHashMap<>();

    SessionEvents(Pool pool, ChannelCodec codec, DatabaseFailover failover, Event<EndCallRequested> endRequests,
                  ChannelConfig config, MeterRegistry registry) {
        this.codec = codec;
        this.failover = failover;
        this.endRequests = endRequests;
        this.publisher = new NotifyPublisher(pool, UUID.randomUUID().toString(), config.notifyQueueCapacity(), registry);
        registry.gaugeMapSize("callcoach.channel.subscribed.sessions", List.of(), bySession);
    }

    /**
     * Sends the event to every subscriber of its session on any instance. Completes once it is on its way;
     * fails only if the event cannot be encoded (larger than a channel frame).
     */
    public Uni<Void> publish(ChannelEvent event) {
        String frame = codec.encode(event);
        deliver(event.sessionId(), frame);
        return broadcast(Notification.Kind.EVENT, frame);
    }

    /** Asks whichever instance runs the session's call to hang up: fires {@link EndCallRequested} everywhere. */
    public Uni<Void> requestEnd(UUID sessionId, EndReason reason) {
        endRequests.fireAsync(new EndCallRequested(sessionId, reason));
        return broadcast(Notification.Kind.END_CALL, sessionId + " " + reason.name());
    }

    /** @return false if the sink already follows as many sessions as allowed */
    boolean subscribe(EventSink sink, UUID sessionId, int maxPerSink) {
        Set<UUID> sessions = bySink.computeIfAbsent(sink.id(), id -> ConcurrentHashMap.newKeySet());
        if (!sessions.contains(sessionId) && sessions.size() >= maxPerSink) {
            return false;
        }
        sessions.add(sessionId);
        bySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(sink);
        return true;
    }

    void unsubscribe(EventSink sink, UUID sessionId) {
        Set<UUID> sessions = bySink.get(sink.id());
        if (sessions != null) {
            sessions.remove(sessionId);
        }
        removeSink(sessionId, sink);
    }

    void unsubscribeAll(EventSink sink) {
        Set<UUID> sessions = bySink.remove(sink.id());
        if (sessions != null) {
            sessions.forEach(sessionId -> removeSink(sessionId, sink));
        }
    }

    /** A notification from any instance, this one included. */
    void received(Notification notification) {
        if (notification.origin().equals(publisher.origin())) {
            return;
        }
        switch (notification.kind()) {
            case EVENT -> {
                ChannelMessage message = codec.decode(notification.body());
                if (message instanceof ChannelEvent event) {
                    deliver(event.sessionId(), notification.body());
                } else {
                    LOG.warnf("event=notification_ignored reason=not_an_event origin=%s", notification.origin());
                }
            }
            case END_CALL -> endRequests.fireAsync(endRequest(notification.body()));
        }
    }

    /** {@code "<session> <reason>"}; an instance not yet updated sends the session alone, which means the page's end. */
    private static EndCallRequested endRequest(String body) {
        String[] parts = body.split(" ", 2);
        EndReason reason = parts.length == 2 ? EndReason.valueOf(parts[1]) : EndReason.ENDED_FROM_PAGE;
        return new EndCallRequested(UUID.fromString(parts[0]), reason);
    }

    private void deliver(UUID sessionId, String frame) {
        Set<EventSink> sinks = bySession.get(sessionId);
        if (sinks != null) {
            sinks.forEach(sink -> sink.send(frame));
        }
    }

    private Uni<Void> broadcast(Notification.Kind kind, String body) {
        if (!failover.usingDatabase()) {
            return Uni.createFrom().voidItem();
        }
        return publisher.publish(kind, body).onFailure().recoverWithItem(failure -> {
            failover.report("notify", failure);
            LOG.warnf("event=notify_failed kind=%s cause=\"%s\"", kind, failure.getMessage());
            return null;
        });
    }

    private void removeSink(UUID sessionId, EventSink sink) {
        bySession.computeIfPresent(sessionId, (id, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
    }
}
