package dev.callcoach.backend.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and pacing of a bridged call. */
@ConfigMapping(prefix = "callcoach.call")
public interface CallConfig {

    /** Longest a call may last; the stream is closed, and so the call ended, when it is reached. */
    @WithDefault("5m")
    Duration maxDuration();

    /** How long before the maximum the AI is told to wrap up. */
    @WithDefault("30s")
    Duration wrapUpBefore();

    /** Longest wait for a goodbye (the AI's, or the recorded clip) to finish playing before hanging up anyway. */
    @WithDefault("15s")
    Duration goodbyeTimeout();

    /**
     * How long a Media Stream may stay open without a valid {@code start}; a socket that sends none
     * is closed, so a signed upgrade cannot hold a connection open for nothing.
     */
    @WithDefault("5s")
    Duration startTimeout();

    /** Least time between two partial transcript updates of one line sent to the page. */
    @WithDefault("250ms")
    Duration transcriptInterval();
}
