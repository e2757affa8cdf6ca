package dev.callcoach.backend.twilio;

import dev.callcoach.backend.config.PublicUrls;
import dev.callcoach.backend.call.CallCapacity;
import dev.callcoach.backend.call.SessionRules;
import dev.callcoach.backend.call.SessionStore;
import dev.callcoach.backend.db.DatabaseBusyException;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Decides the TwiML for a voice webhook: the Media Stream for a session that can start its call, else an apology. */
public final class VoiceAnswers {

    /**
     * Path of the Media Stream endpoints: each session's stream is {@code MEDIA_PATH/{session}}, so the
     * URL Twilio signs the upgrade over names the session.
     */
    public static final String MEDIA_PATH = "/twilio/media";

    private static final Logger LOG = Logger.getLogger(VoiceAnswers.class);

    private final SessionStore sessions;
    private final PublicUrls urls;
    private final Duration answerWindow;
    private final Clock clock;
    private final CallCapacity capacity;

    public VoiceAnswers(SessionStore sessions, PublicUrls urls, Duration answerWindow, Clock clock, CallCapacity capacity) {
        this.sessions = sessions;
        this.capacity = capacity;
        this.urls = urls;
        this.answerWindow = answerWindow;
        this.clock = clock;
    }

    public Uni<String> twimlFor(String sessionIdText) {
        Optional<UUID> sessionId = parse(sessionIdText);
        if (sessionId.isEmpty()) {
            LOG.warn("voice webhook for a malformed session id; apologising");
            return Uni.createFrom().item(Twiml.apologyAndHangup());
        }
        if (capacity.full()) {
            // Readiness says "full" too, so the proxy sends new calls elsewhere; this one arrived meanwhile.
            LOG.warnf("voice webhook session=%s answer=apology reason=instance-full active=%d max=%d", sessionId.get(),
                    capacity.active(), capacity.max());
            return Uni.createFrom().item(Twiml.apologyAndHangup());
        }
        return sessions.find(sessionId.get()).map(found -> {
            if (found.isPresent() && SessionRules.canStartCall(found.get(), clock.instant(), answerWindow)) {
                LOG.infof("voice webhook session=%s answer=stream", sessionId.get());
                return Twiml.connectStream(urls.websocket(MEDIA_PATH + "/" + sessionId.get()), sessionId.get());
            }
            LOG.infof("voice webhook session=%s answer=apology reason=%s", sessionId.get(),
                    found.isEmpty() ? "unknown" : "over-or-expired");
            return Twiml.apologyAndHangup();
        }).onFailure(DatabaseBusyException.class).recoverWithItem(busy -> {
            // An error answer would have Twilio tell the person who picked up that "an application error has
            // occurred"; an apology says the same in words they can act on.
            LOG.warnf("voice webhook session=%s answer=apology reason=database-busy", sessionId.get());
            return Twiml.apologyAndHangup();
        });
    }

    static Optional<UUID> parse(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
