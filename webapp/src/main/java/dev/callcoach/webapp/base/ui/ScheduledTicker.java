package dev.callcoach.webapp.base.ui;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The production {@link Ticker}, on a shared scheduler whose tasks only hand work to {@code ui.access}. */
final class ScheduledTicker implements Ticker {

    private final ScheduledExecutorService scheduler;

    ScheduledTicker(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        var future = scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public Cancellable every(Duration period, Runnable task) {
        var future = scheduler.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }
}
