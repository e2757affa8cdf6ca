package dev.callcoach.webapp.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Coalesces requests for a UI update from any thread into at most one push per interval: the first request
 * schedules a flush, later ones until it runs ride along. Fast sources (transcript deltas, timers) then cost
 * a few pushes a second, however fast they come.
 */
public final class PushThrottle {

    private final UI ui;
    private final Ticker ticker;
    private final Duration interval;
    private final Command flush;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public PushThrottle(UI ui, Ticker ticker, Duration interval, Command flush) {
        this.ui = ui;
        this.ticker = ticker;
        this.interval = interval;
        this.flush = flush;
    }

    /** Asks for a flush within one interval. Thread-safe and cheap. */
    public void request() {
        if (scheduled.compareAndSet(false, true)) {
            ticker.after(interval, () -> {
                scheduled.set(false);
                UiTasks.access(ui, flush);
            });
        }
    }
}
