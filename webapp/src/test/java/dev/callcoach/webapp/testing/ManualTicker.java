package dev.callcoach.webapp.testing;

import dev.callcoach.webapp.base.ui.Ticker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Ticker} that runs nothing until the test says so, so no test waits on real time. */
public final class ManualTicker implements Ticker {

    private final List<Runnable> once = new ArrayList<>();
    private final List<Runnable> repeating = new ArrayList<>();

    @Override
    public synchronized Cancellable after(Duration delay, Runnable task) {
        once.add(task);
        return () -> remove(once, task);
    }

    @Override
    public synchronized Cancellable every(Duration period, Runnable task) {
        repeating.add(task);
        return () -> remove(repeating, task);
    }

    /** Runs the one-off tasks due so far. */
    public void runDelayed() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(once);
            once.clear();
        }
        due.forEach(Runnable::run);
    }

    /** Runs each repeating task once, as one period passing would. */
    public void tick() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(repeating);
        }
        due.forEach(Runnable::run);
    }

    public synchronized int pendingDelayed() {
        return once.size();
    }

    public synchronized int repeatingTasks() {
        return repeating.size();
    }

    private synchronized void remove(List<Runnable> tasks, Runnable task) {
        tasks.remove(task);
    }
}
