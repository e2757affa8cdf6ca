package dev.callcoach.backend.media;

import java.time.Duration;
import java.time.Instant;

/**
 * The thread and clocks of one call. Every input of a {@link CallBridge} runs through
 * {@link #execute}, so the bridge's state has a single writer and needs no locks.
 */
interface CallScheduler {

    /** Runs the task on the call's thread, after whatever is running there now. */
    void execute(Runnable task);

    /**
     * Runs an event a socket handed over: at once when the socket's handler runs on the call's thread, since a
     * handler is never inside the bridge and so re-enters nothing; otherwise as {@link #execute}. On one event
     * loop that saves a queued task per Realtime message.
     */
    default void executeFromSocket(Runnable task) {
        execute(task);
    }

    /** Runs the task on the call's thread after the delay, unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Monotonic nanoseconds, for measuring. */
    long nanoTime();

    /** Wall-clock time, for event timestamps. */
    Instant now();

    /** A pending scheduled task. */
    interface Cancellable {
        void cancel();
    }
}
