package dev.callcoach.backend.eventloop;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.impl.transports.EpollTransport;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Vert.x's epoll transport with {@link EventLoopConfig#batchWindow()} on its I/O event loops. Vert.x finds it
 * through {@code META-INF/services} when {@code quarkus.vertx.prefer-native-transport} is on, and falls back to
 * its own choice where epoll is unavailable (not Linux), as it does without this class.
 */
public class BatchingEpollTransport extends EpollTransport {

    @Override
    public EventLoopGroup eventLoopGroup(int type, int nThreads, ThreadFactory threadFactory, int ioRatio) {
        if (type != IO_EVENT_LOOP_GROUP) {
            return super.eventLoopGroup(type, nThreads, threadFactory, ioRatio);
        }
        EpollEventLoopGroup group = new EpollEventLoopGroup(nThreads, threadFactory, strategies(configuredWindow()));
        group.setIoRatio(ioRatio);
        return group;
    }

    /** Netty's own strategy for no window; a {@link BatchWindow} per loop otherwise. */
    static SelectStrategyFactory strategies(Duration window) {
        if (window.isNegative() || window.compareTo(EventLoopConfig.LONGEST_BATCH_WINDOW) > 0) {
            throw new IllegalArgumentException("callcoach.event-loop.batch-window must be between 0ms and "
                    + WindowDurationConverter.format(EventLoopConfig.LONGEST_BATCH_WINDOW) + ", got "
                    + WindowDurationConverter.format(window));
        }
        if (window.isZero()) {
            return DefaultSelectStrategyFactory.INSTANCE;
        }
        return () -> new BatchWindow(window.toNanos(), System::nanoTime, LockSupport::parkNanos);
    }

    /** Vert.x starts before CDI, so the mapping is read from the configuration ({@link EventLoopReport} registers it). */
    private static Duration configuredWindow() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(EventLoopConfig.class).batchWindow();
    }
}
