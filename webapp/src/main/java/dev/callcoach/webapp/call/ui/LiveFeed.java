package dev.callcoach.webapp.call.ui;

import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.webapp.channel.SessionListener;

import java.time.Clock;
import java.time.Instant;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the channel says about one call, queued on the channel's thread until the page takes it under the
 * session lock. A lost connection is queued too, in order with the events around it.
 */
final class LiveFeed implements SessionListener {

    /** One thing that happened, stamped with when it reached this server. */
    sealed interface Item {
        Instant at();
    }

    record Event(ChannelEvent event, Instant at) implements Item {
    }

    record ConnectionLost(Instant at) implements Item {
    }

    private final Queue<Item> items = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final Runnable wake;
    private volatile UUID sessionId;

    /** @param wake asks for the page to take what arrived; thread-safe and cheap */
    LiveFeed(Clock clock, Runnable wake) {
        this.clock = clock;
        this.wake = wake;
    }

    /** Starts a new call's feed, dropping whatever the last one left. */
    void follow(UUID session) {
        items.clear();
        sessionId = session;
    }

    void stop() {
        sessionId = null;
        items.clear();
    }

    @Override
    public void onEvent(ChannelEvent event) {
        items.add(new Event(event, clock.instant()));
        wake.run();
    }

    @Override
    public void onConnectionLost() {
        items.add(new ConnectionLost(clock.instant()));
        wake.run();
    }

    /** The next item for the followed call, or null. */
    Item poll() {
        for (Item item = items.poll(); item != null; item = items.poll()) {
            if (!(item instanceof Event e) || e.event().sessionId().equals(sessionId)) {
                return item;
            }
        }
        return null;
    }
}
