package dev.callcoach.backend.media;

import dev.callcoach.backend.call.EndCallRequested;
import dev.callcoach.backend.twilio.TwilioConfig;
import dev.callcoach.contracts.channel.EndReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The calls this instance is bridging right now, by session, so one can be ended from outside. An end
 * request ({@code call.end} from the webapp, or a machine answering) reaches every instance as an
 * {@link EndCallRequested} (the channel fans it out); the instance that carries the call ends it. One that
 * arrives before the call's stream exists (the callee picked up a moment ago) is kept for a while on every
 * instance and applied when the stream registers, wherever that is.
 *
 * <p>Twilio opens one Media Stream per call and never a second, so a session that has had a stream here
 * gets no other: a signed upgrade replayed after the call's stream ended would otherwise open a new
 * Realtime session each time, for as long as the session can start (its answer window) and no terminal
 * status has arrived.
 */
@ApplicationScoped
public class CallControl {

    /** A call that can be ended from outside; the bridge, seen from here. */
    interface LiveCall {
        void requestEnd(EndReason reason);
    }

    /** Longer than any ring plus the TwiML fetch, so a request made while ringing is still there when the stream starts. */
    static final Duration KEEP_EARLY_REQUESTS = Duration.ofMinutes(15);
    private static final int MAX_EARLY_REQUESTS = 10_000;
    private static final int MAX_REMEMBERED_STREAMS = 10_000;

    private record Early(EndReason reason, Instant at) {
    }

    private final ConcurrentMap<UUID, LiveCall> live = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, Early> early = new ConcurrentHashMap<>();
    /** When each session's stream registered; kept for the answer window, after which no stream can start anyway. */
    private final ConcurrentMap<UUID, Instant> streamed = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration answerWindow;

    @Inject
    CallControl(Clock clock, TwilioConfig twilio) {
        this(clock, twilio.answerWindow());
    }

    CallControl(Clock clock, Duration answerWindow) {
        this.clock = clock;
        this.answerWindow = answerWindow;
    }

    /**
     * Ends the session's call: with the AI's short goodbye for {@link EndReason#ENDED_FROM_PAGE}, at once for
     * {@link EndReason#VOICEMAIL}. Kept for later if the call has no stream here yet.
     *
     * @return whether this instance carries the call right now
     */
    public boolean endCall(UUID sessionId, EndReason reason) {
        LiveCall call = live.get(sessionId);
        if (call == null) {
            keep(sessionId, reason);
            return false;
        }
        call.requestEnd(reason);
        return true;
    }

    void onEndRequested(@ObservesAsync EndCallRequested request) {
        endCall(request.sessionId(), request.reason());
    }

    /** How many calls this instance is bridging. */
    public int liveCalls() {
        return live.size();
    }

    /**
     * @return false if the session has, or has had, a stream here; an end request kept for it is applied at once
     */
    boolean register(UUID sessionId, LiveCall call) {
        Instant now = clock.instant();
        if (streamed.size() >= MAX_REMEMBERED_STREAMS) {
            streamed.values().removeIf(at -> !at.plus(answerWindow).isAfter(now));
        }
        if (streamed.putIfAbsent(sessionId, now) != null) {
            return false;
        }
        live.put(sessionId, call);
        Early request = early.remove(sessionId);
        if (request != null && request.at().plus(KEEP_EARLY_REQUESTS).isAfter(now)) {
            call.requestEnd(request.reason());
        }
        return true;
    }

    void unregister(UUID sessionId, LiveCall call) {
        live.remove(sessionId, call);
    }

    private void keep(UUID sessionId, EndReason reason) {
        Instant now = clock.instant();
        if (early.size() >= MAX_EARLY_REQUESTS) {
            early.values().removeIf(request -> !request.at().plus(KEEP_EARLY_REQUESTS).isAfter(now));
        }
        // A voicemail verdict outranks a plain end request: nothing should talk to a machine.
        early.merge(sessionId, new Early(reason, now),
                (kept, newer) -> kept.reason() == EndReason.VOICEMAIL ? kept : newer);
    }
}
