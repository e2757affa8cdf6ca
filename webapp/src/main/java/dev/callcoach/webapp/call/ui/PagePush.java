package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;
import dev.callcoach.webapp.base.ui.PushThrottle;
import dev.callcoach.webapp.base.ui.Ticker;

import java.time.Duration;

/** Gets page updates to the browser: a few pushes a second at most, and one a second while a clock is on show. */
final class PagePush {

    /** At most this many pushes a second for call events, however fast they come. */
    static final Duration INTERVAL = Duration.ofMillis(250);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final Ticker ticker;
    private volatile PushThrottle throttle;
    private Ticker.Cancellable ticking;

    PagePush(Ticker ticker) {
        this.ticker = ticker;
    }

    void attach(UI ui, Command flush) {
        throttle = new PushThrottle(ui, ticker, INTERVAL, flush);
    }

    /** Asks for a flush soon; from any thread. */
    void request() {
        PushThrottle pusher = throttle;
        if (pusher != null) {
            pusher.request();
        }
    }

    /** Keeps a flush coming every second while something on the page counts time. */
    void ticking(boolean needed) {
        if (needed && ticking == null && throttle != null) {
            ticking = ticker.every(TICK, throttle::request);
        } else if (!needed && ticking != null) {
            ticking.cancel();
            ticking = null;
        }
    }
}
