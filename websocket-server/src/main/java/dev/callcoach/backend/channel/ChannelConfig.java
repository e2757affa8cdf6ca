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
}
