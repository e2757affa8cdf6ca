package dev.callcoach.backend.channel;

import dev.callcoach.contracts.channel.ChannelCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one channel codec of the application (thread-safe, and its mapper is costly to build). */
public class ChannelCodecProducer {

    @Produces
    @Singleton
    ChannelCodec codec() {
        return new ChannelCodec();
    }
}
