package dev.callcoach.backend.eventloop;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * An event loop's choice, before each pass, between looking at its sockets now and sleeping until one is
 * ready, with a batch window.
 *
 * <p>Netty's own choice looks again the moment a pass ends, and sleeps when nothing is ready. Under a load of
 * many small messages spread in time (a hundred calls, each a 20 ms frame each way), that means a sleep and a
 * wake-up for nearly every message, and on a virtual machine a wake-up costs more than the message's own work.
 * Here, once a look has found messages, the next look waits until the window has passed since it; what
 * arrived in between is then taken in one pass. A look that finds nothing leaves the loop asleep in the
 * kernel, which wakes it the moment something arrives, so a quiet loop never waits. Pending tasks are never
 * made to wait.
 *
 * <p>One instance per event loop: it is used by that loop's thread only.
 */
final class BatchWindow implements SelectStrategy {

    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final LongConsumer sleeper;
    /** When a look last found messages; the window runs from there. */
    private long lastFoundNanos;
    private boolean found;

    /**
     * @param windowNanos the window, above zero
     * @param nanoClock   {@link System#nanoTime()}, or a test's clock
     * @param sleeper     sleeps the loop's thread for the nanoseconds given
     */
    BatchWindow(long windowNanos, LongSupplier nanoClock, LongConsumer sleeper) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("a batch window must be above zero, got " + windowNanos + " ns");
        }
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    @Override
    public int calculateStrategy(IntSupplier lookNow, boolean hasTasks) throws Exception {
        if (found && !hasTasks) {
            long rest = lastFoundNanos + windowNanos - nanoClock.getAsLong();
            if (rest > 0) {
                sleeper.accept(rest);
            }
        }
        int ready = lookNow.get();
        found = ready > 0;
        if (found) {
            lastFoundNanos = nanoClock.getAsLong();
        }
        return found || hasTasks ? ready : SelectStrategy.SELECT;
    }
}
