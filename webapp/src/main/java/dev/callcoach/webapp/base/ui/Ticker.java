package dev.callcoach.webapp.base.ui;

import java.time.Duration;

/** Runs page work later or periodically, off the UI thread. Tests use one they advance by hand. */
public interface Ticker {

    /** Runs the task once after the delay. */
    Cancellable after(Duration delay, Runnable task);

    /** Runs the task every period, first after one period. */
    Cancellable every(Duration period, Runnable task);

    /** Stops a scheduled task; harmless when it already ran or was cancelled. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
