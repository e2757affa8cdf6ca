package dev.callcoach.backend.media;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link CallScheduler} on virtual time: tasks run when the test says so. */
final class ManualScheduler implements CallScheduler {

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private long nanos;

    private final class Timer implements Cancellable {
        final long dueNanos;
        final Runnable task;
        boolean cancelled;

        Timer(long dueNanos, Runnable task) {
            this.dueNanos = dueNanos;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(nanos + delay.toNanos(), task);
        timers.add(timer);
        return timer;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant now() {
        return Instant.EPOCH.plusNanos(nanos);
    }

    /** Runs everything queued, including what those tasks queue. */
    void runPending() {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }

    /** Moves time forward, firing due timers in order. */
    void advance(Duration duration) {
        long end = nanos + duration.toNanos();
        while (true) {
            runPending();
            Timer next = timers.stream().filter(t -> !t.cancelled && t.dueNanos <= end)
                    .min(Comparator.comparingLong(t -> t.dueNanos)).orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            nanos = Math.max(nanos, next.dueNanos);
            next.task.run();
        }
        nanos = end;
        runPending();
    }

    boolean hasLiveTimers() {
        return timers.stream().anyMatch(t -> !t.cancelled);
    }
}
