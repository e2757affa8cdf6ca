package dev.callcoach.backend.media;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A call's thread is the Vert.x context (event loop) of its caller's connection. Made on that event loop, whose
 * thread never changes, so being on it is a thread check.
 */
final class VertxCallScheduler implements CallScheduler {

    private final Vertx vertx;
    private final Context context;
    private final Clock clock;
    private final Thread callThread;

    /** Call on the call's event loop. */
    VertxCallScheduler(Vertx vertx, Context context, Clock clock) {
        this.vertx = vertx;
        this.context = context;
        this.clock = clock;
        this.callThread = Context.isOnEventLoopThread() ? Thread.currentThread() : null;
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }

    @Override
    public void executeFromSocket(Runnable task) {
        if (Thread.currentThread() == callThread) {
            task.run();
        } else {
            execute(task);
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> context.runOnContext(v -> task.run()));
        return () -> vertx.cancelTimer(id);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
