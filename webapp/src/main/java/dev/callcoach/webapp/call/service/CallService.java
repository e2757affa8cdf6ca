package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.channel.CallPlaced;
import dev.callcoach.contracts.channel.CallPlacementUnknown;
import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.EndCall;
import dev.callcoach.contracts.channel.ReleaseCall;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.webapp.base.Regions;
import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.channel.ChannelException;
import dev.callcoach.webapp.channel.SessionListener;
import dev.callcoach.webapp.channel.Subscription;
import dev.callcoach.webapp.twilio.OutboundCall;
import dev.callcoach.webapp.twilio.TwilioCallException;
import dev.callcoach.webapp.twilio.TwilioCallUncertainException;
import dev.callcoach.webapp.twilio.TwilioCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Places and ends practice calls: human check and IP limit ({@link NetworkGate}), a reservation from the backend (which owns the
 * per-number limit), then Twilio. When Twilio refuses, the reservation is given back so the failed attempt
 * doesn't count against the number; so is a reservation whose reply came after we stopped waiting.
 * A call that rang counts, even when cancelled before anyone answered (see docs/limiter.md).
 */
public class CallService {

    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    /** The regions the page offers. */
    static final Set<String> REGIONS = Set.of("US", "AU", "IN");

    private final ChannelClient channel;
    private final TwilioCalls twilio;
    private final NetworkGate gate;
    private final CallProperties properties;

    public CallService(ChannelClient channel, TwilioCalls twilio, NetworkGate gate, CallProperties properties) {
        this.channel = channel;
        this.twilio = twilio;
        this.gate = gate;
        this.properties = properties;
    }

    /** The network's limit, and when it may call again if the limit refused it lately; calls in the browser count too. */
    public NetworkAllowance networkAllowance(String clientIp) {
        return gate.allowance(clientIp);
    }

    /** What the page can promise before anyone clicks. */
    public CallAvailability availability() {
        Set<String> regions = REGIONS.stream()
                .filter(region -> twilio.callerNumber(region).isPresent())
                .collect(Collectors.toSet());
        return new CallAvailability(twilio.configured(), twilio.simulated(), regions);
    }

    /**
     * Places a call, delivering the session's status and transcript events to {@code listener} from before
     * Twilio is asked, so none is missed. Blocks for the backend and Twilio round trips: call it off the UI
     * thread.
     *
     * @throws ChannelException when the backend cannot be asked
     */
    public Placement place(CallRequest request, String clientIp, SessionListener listener) {
        Optional<String> from = twilio.callerNumber(request.region());
        if (!twilio.configured() || from.isEmpty()) {
            return Placement.Refused.because("Calling isn't set up on this server"
                    + (twilio.configured() ? " for " + Regions.name(request.region()) + "." : "."));
        }
        Optional<Placement.Refused> turnedAway = gate.admit(request.humanToken(), clientIp);
        if (turnedAway.isPresent()) {
            return turnedAway.get();
        }
        ChannelReply reply = channel.exchange(id -> new ReserveCall(id, request.phoneNumber(), request.scenarioId(),
                request.scenarioConfig(), request.voice()), this::releaseLate);
        return switch (reply) {
            case CallReserved reserved -> dial(reserved.sessionId(), request, from.get(), listener);
            case CallRefused refused -> {
                log.info("event=call_refused reason={} retryAfterS={}", refused.reason(), refused.retryAfterSeconds());
                yield Refusals.of(refused);
            }
            default -> throw unexpected(reply);
        };
    }

    /**
     * Ends a call. The backend ends an answered call itself (the AI can say goodbye, and an end that arrives
     * before the stream is kept for it); a call the page has not seen answered may still be ringing, with no
     * stream to end, so Twilio is asked to hang it up too, in a way that works in any state.
     */
    public void end(UUID sessionId, String callSid, boolean answered) {
        try {
            channel.exchange(id -> new EndCall(id, sessionId));
        } catch (ChannelException e) {
            if (answered) {
                throw e;
            }
        }
        if (!answered && callSid != null) {
            try {
                twilio.hangUp(callSid);
            } catch (TwilioCallException e) {
                log.warn("event=call_cancel_failed sessionId={} code={}", sessionId, e.code());
            }
        }
    }

    /**
     * A reservation granted after the page was told the service didn't answer: nobody will place it, so it
     * goes back at once rather than hold a slot and the number's call. On the channel's thread: no waiting.
     */
    private void releaseLate(ChannelReply late) {
        if (late instanceof CallReserved reserved) {
            log.warn("event=late_reservation_released sessionId={}", reserved.sessionId());
            channel.request(id -> new ReleaseCall(id, reserved.sessionId(), "reply-after-timeout"))
                    .exceptionally(failure -> {
                        log.warn("event=call_release_failed sessionId={} reason=reply-after-timeout error=\"{}\"",
                                reserved.sessionId(), failure.getMessage());
                        return null;
                    });
        }
    }

    private Placement dial(UUID sessionId, CallRequest request, String from, SessionListener listener) {
        Subscription subscription;
        try {
            subscription = channel.subscribe(sessionId, listener);
        } catch (ChannelException e) {
            release(sessionId, "subscribe-failed");
            throw e;
        }
        String callSid;
        try {
            callSid = twilio.place(new OutboundCall(request.phoneNumber(), from, properties.voiceWebhook(sessionId),
                    properties.statusWebhook(sessionId), properties.ringTimeout(), properties.timeLimit()));
        } catch (TwilioCallException e) {
            subscription.close();
            TwilioFailure failure = TwilioFailure.of(e.code());
            log.warn("event=twilio_call_failed sessionId={} code={} httpStatus={} failure={}", sessionId, e.code(),
                    e.httpStatus(), failure);
            release(sessionId, e.code() == null ? "twilio-unreachable" : "twilio-" + e.code());
            return Placement.Refused.because(failure.userMessage());
        } catch (TwilioCallUncertainException e) {
            // Twilio may have created the call: keep the slot; its status callback, or the backend's expiry
            // of unplaced reservations, settles it.
            log.warn("event=twilio_call_uncertain sessionId={} httpStatus={} error=\"{}\"", sessionId, e.httpStatus(),
                    e.getMessage());
            reportUnknownPlacement(sessionId, e.httpStatus() == null ? "twilio-no-answer" : "twilio-" + e.httpStatus());
            return new Placement.Placed(sessionId, null, twilio.simulated(), subscription);
        }
        try {
            channel.exchange(id -> new CallPlaced(id, sessionId, callSid));
        } catch (ChannelException e) {
            // The call is happening; the backend still learns its progress from Twilio's webhooks.
            log.warn("event=call_placed_not_reported sessionId={} callSid={} error=\"{}\"", sessionId, callSid,
                    e.getMessage());
        }
        log.info("event=call_placed sessionId={} callSid={} request={} simulated={}", sessionId, callSid, request,
                twilio.simulated());
        return new Placement.Placed(sessionId, callSid, twilio.simulated(), subscription);
    }

    /** Tells the backend to keep the slot and wait for Twilio's status callback, or expire the reservation. */
    private void reportUnknownPlacement(UUID sessionId, String reason) {
        try {
            channel.exchange(id -> new CallPlacementUnknown(id, sessionId, reason));
        } catch (ChannelException e) {
            // Not told, the backend expires the reservation after its placement timeout all the same.
            log.warn("event=placement_unknown_not_reported sessionId={} error=\"{}\"", sessionId, e.getMessage());
        }
    }

    private void release(UUID sessionId, String reason) {
        try {
            channel.exchange(id -> new ReleaseCall(id, sessionId, reason));
        } catch (ChannelException e) {
            log.warn("event=call_release_failed sessionId={} reason={} error=\"{}\"", sessionId, reason, e.getMessage());
        }
    }

    static ChannelException unexpected(ChannelReply reply) {
        log.warn("event=channel_unexpected_reply got={}", reply.getClass().getSimpleName());
        return ChannelException.unexpected();
    }
}
