package dev.callcoach.backend.channel;

import dev.callcoach.backend.call.CallEventPublisher;
import dev.callcoach.contracts.channel.ChannelEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** {@link CallEventPublisher} over the channel's fan-out, which reaches subscribers on every instance. */
@ApplicationScoped
class ChannelEventPublisher implements CallEventPublisher {

    private static final Logger LOG = Logger.getLogger(ChannelEventPublisher.class);

    private final SessionEvents events;

    ChannelEventPublisher(SessionEvents events) {
        this.events = events;
    }

    @Override
    public void publish(ChannelEvent event) {
        events.publish(event).subscribe().with(sent -> { },
                failure -> LOG.warnf("event not published session=%s type=%s: %s", event.sessionId(),
                        event.getClass().getSimpleName(), failure.getMessage()));
    }
}
