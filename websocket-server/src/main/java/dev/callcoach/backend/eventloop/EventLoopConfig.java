package dev.callcoach.backend.eventloop;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the event loops wait for network work. */
@ConfigMapping(prefix = "callcoach.event-loop")
public interface EventLoopConfig {

    /** The longest batch window accepted: a window near a 20 ms audio frame would make the audio bursty. */
    Duration LONGEST_BATCH_WINDOW = Duration.ofMillis(10);

    /**
     * How long a loop that has just found messages waits before it looks again, so that it takes what
     * arrived meanwhile in one pass ({@link BatchWindow}). A loop that found nothing still wakes the moment
     * something arrives, so a quiet instance adds no delay; a busy one adds at most this much to each
     * message, and sleeps and wakes far less (docs/benchmarks.md). The default, 500 µs, took a sixth off the
     * CPU per call at 100 calls on one core for 0.3 ms at the median and kept the p99 delays under 3 ms, where
     * 1 ms saved a little more but let them pass it on a busy host. {@code 0ms}: look again at once, as Netty
     * does. Takes {@code 500us} as well as Quarkus's durations. At most {@link #LONGEST_BATCH_WINDOW}. From
     * env {@code CALLCOACH_EVENT_LOOP_BATCH_WINDOW}.
     */
    @WithDefault("500us")
    @WithConverter(WindowDurationConverter.class)
    Duration batchWindow();
}
