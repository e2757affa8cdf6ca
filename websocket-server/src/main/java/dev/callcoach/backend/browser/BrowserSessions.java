package dev.callcoach.backend.browser;

import dev.callcoach.backend.config.PublicUrls;
import dev.callcoach.backend.config.SecretToken;
import dev.callcoach.backend.db.SqlValues;
import dev.callcoach.backend.limiter.LimiterConfig;
import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.limiter.Reservation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Browser sessions: reserving one with its single-use media token, and admitting the page's socket with it.
 *
 * <p>The token lives as long as a reservation waits to be placed ({@code callcoach.limiter.placement-timeout},
 * 60 s): opening the socket is a browser session's placement. A session whose token was never used is then
 * released by the same expiry as an unplaced phone reservation, which frees its slot.
 */
@ApplicationScoped
public class BrowserSessions {

    private final PhoneLimiter limiter;
    private final BrowserTokens tokens;
    private final PublicUrls urls;
    private final Duration tokenLifetime;
    private final Clock clock;

    BrowserSessions(PhoneLimiter limiter, BrowserTokens tokens, PublicUrls urls, BrowserConfig config, LimiterConfig limits,
                    Clock clock) {
        this.limiter = limiter;
        this.tokens = tokens;
        this.urls = config.mediaBaseUrl().map(PublicUrls::new).orElse(urls);
        this.tokenLifetime = limits.placementTimeout();
        this.clock = clock;
    }

    /** Reserves a slot under the global caps; the scenario config must already be validated. */
    public Uni<BrowserReservation> reserve(String scenarioId, Map<String, String> scenarioConfig, String voice) {
        String token = SecretToken.generate();
        Instant expiresAt = SqlValues.now(clock).plus(tokenLifetime);
        return limiter.reserveWithoutNumber(scenarioId, scenarioConfig, voice,
                        (tx, session) -> tokens.insert(tx, session.id(), SecretToken.hash(token), expiresAt))
                .map(reservation -> switch (reservation) {
                    case Reservation.Granted granted -> new BrowserReservation.Granted(granted.session().id(),
                            mediaUrl(granted.session().id()), token, expiresAt);
                    case Reservation.Refused refused -> new BrowserReservation.Refused(refused.refusal());
                });
    }

    /**
     * Uses up {@code token} for the session's socket: true once, for the right session, before it expired,
     * while the session still waits for its socket.
     */
    public Uni<Boolean> admit(UUID sessionId, String token) {
        return tokens.admit(sessionId, SecretToken.hash(token), SqlValues.now(clock));
    }

    private String mediaUrl(UUID sessionId) {
        return urls.websocket(BrowserMediaPath.PREFIX + "/" + sessionId);
    }
}
