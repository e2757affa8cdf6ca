package dev.callcoach.backend.twilio;

import dev.callcoach.backend.call.CallEventPublisher;
import dev.callcoach.backend.call.SessionStore;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies a call status callback: the session moves forward (repeats and late, out-of-order
 * callbacks change nothing), and only a real change is published to the session's subscribers.
 */
public final class StatusCallbacks {

    private static final Logger LOG = Logger.getLogger(StatusCallbacks.class);

    /** What became of a callback, for the HTTP answer. */
    public enum Result { APPLIED, UNCHANGED, UNKNOWN_SESSION, BAD_REQUEST }

    private final SessionStore sessions;
    private final CallEventPublisher events;
    private final Clock clock;

    public StatusCallbacks(SessionStore sessions, CallEventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    /** @param params the callback's form parameters; only status fields are read, never the numbers */
    public Uni<Result> apply(String sessionIdText, Map<String, String> params) {
        Optional<UUID> sessionId = VoiceAnswers.parse(sessionIdText);
        CallStatus status;
        try {
            status = CallStatus.fromTwilio(params.get("CallStatus"));
        } catch (IllegalArgumentException e) {
            LOG.warnf("status callback refused session=%s reason=unknown-status", sessionIdText);
            return Uni.createFrom().item(Result.BAD_REQUEST);
        }
        if (sessionId.isEmpty()) {
            return Uni.createFrom().item(Result.UNKNOWN_SESSION);
        }
        UUID id = sessionId.get();
        Instant at = clock.instant();
        parseDuration(params.get("CallDuration")).ifPresent(duration -> sessions.recordDuration(id, duration));
        return sessions.advanceStatus(id, status, at).map(changed -> {
            LOG.infof("status callback session=%s status=%s changed=%s", id, status.wireName(), changed);
            if (!changed) {
                return Result.UNCHANGED;
            }
            events.publish(new CallStatusChanged(id, status, at, detail(status, params)));
            return Result.APPLIED;
        });
    }

    /** A short reason for a call that did not connect, e.g. {@code "sip 486"}; never a number from the call. */
    private static String detail(CallStatus status, Map<String, String> params) {
        String sip = params.get("SipResponseCode");
        boolean failedToConnect = status == CallStatus.BUSY || status == CallStatus.NO_ANSWER || status == CallStatus.FAILED;
        return failedToConnect && sip != null && sip.matches("[0-9]{3}") ? "sip " + sip : null;
    }

    private static Optional<Duration> parseDuration(String seconds) {
        if (seconds == null || !seconds.matches("[0-9]{1,7}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(seconds)));
    }
}
