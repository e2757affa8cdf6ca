package dev.callcoach.webapp.channel;

import dev.callcoach.contracts.channel.ChannelEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Who follows which session: events go to the session's listeners, a lost connection to everyone. */
final class SessionListeners {

    private static final Logger log = LoggerFactory.getLogger(SessionListeners.class);

    private final Map<UUID, List<SessionListener>> bySession = new ConcurrentHashMap<>();

    /** Adds a listener; true when it is the session's first, which then needs subscribing. */
    boolean add(UUID sessionId, SessionListener listener) {
        boolean[] first = {false};
        bySession.compute(sessionId, (id, existing) -> {
            List<SessionListener> list = existing == null ? new CopyOnWriteArrayList<>() : existing;
            first[0] = list.isEmpty();
            list.add(listener);
            return list;
        });
        return first[0];
    }

    /** Removes a listener; true when it was the session's last, which then needs unsubscribing. */
    boolean remove(UUID sessionId, SessionListener listener) {
        boolean[] last = {false};
        bySession.computeIfPresent(sessionId, (id, list) -> {
            if (list.remove(listener) && list.isEmpty()) {
                last[0] = true;
                return null;
            }
            return list;
        });
        return last[0];
    }

    /** The sessions someone follows, to subscribe again after a reconnection. */
    Set<UUID> sessions() {
        return Set.copyOf(bySession.keySet());
    }

    void deliver(ChannelEvent event) {
        each(bySession.getOrDefault(event.sessionId(), List.of()), listener -> listener.onEvent(event));
    }

    void connectionLost() {
        bySession.values().forEach(list -> each(list, SessionListener::onConnectionLost));
    }

    private static void each(List<SessionListener> listeners, Consumer<SessionListener> call) {
        for (SessionListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.error("event=channel_listener_failed", e);
            }
        }
    }
}
