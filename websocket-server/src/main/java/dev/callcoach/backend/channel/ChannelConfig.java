package dev.callcoach.backend.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The webapp channel. */
@ConfigMapping(prefix = "callcoach.channel")
public interface ChannelConfig {

    /** Shared secret the webapp presents as {@code Authorization: Bearer <token>} ({@code CHANNEL_TOKEN}). */
    Optional<String> token();

    /** Sessions one connection may follow at once; more subscriptions are refused. */
    @WithDefault("1000")
    int maxSubscriptionsPerConnection();

    /**
     * {@code phone.limit.check} lookups one connection may make per {@link #limitCheckPeriod()} (a token bucket);
     * beyond it they are answered {@code RATE_LIMITED}. A backstop: the webapp budgets lookups per visitor IP.
     */
    @WithDefault("600")
    int limitChecksPerPeriod();

    /**
     * Session events waiting to be sent to the other instances (NOTIFY); when full, the oldest is dropped
     * and counted ({@code callcoach_notify_dropped_total}).
     */
    @WithDefault("10000")
    int notifyQueueCapacity();

    /** The period over which {@link #limitChecksPerPeriod()} refills. */
    @WithDefault("1m")
    java.time.Duration limitCheckPeriod();
}
