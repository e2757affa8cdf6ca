package dev.callcoach.backend.call;

import dev.callcoach.contracts.channel.ChannelEvent;

/** Sends a session event to its subscribers, whichever backend instance holds their channel. */
public interface CallEventPublisher {

    /** Fire and forget: a lost transcript line must never stall a call. */
    void publish(ChannelEvent event);
}
