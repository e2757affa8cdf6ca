package dev.callcoach.backend.browser;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Admits a browser media socket before it opens, or refuses the upgrade with 403 so nothing opens and no
 * Realtime session starts: the {@code Origin} must be an allowed one, and the {@code token} query parameter
 * the session's unused, unexpired media token (used up here). Logs say why, never the token. Created at
 * startup, so a misconfigured origin list stops the service.
 */
@ApplicationScoped
@Startup
public class BrowserUpgradeCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(BrowserUpgradeCheck.class);
    /** The shape {@code SecretToken.generate} gives; anything else is refused without asking the database. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String PATH_PREFIX = BrowserMediaPath.PREFIX + "/";

    private final AllowedOrigins origins;
    private final BrowserSessions sessions;
    private final MeterRegistry registry;

    BrowserUpgradeCheck(BrowserConfig config, BrowserSessions sessions, MeterRegistry registry) {
        this.origins = new AllowedOrigins(config.allowedOrigins().orElse(List.of()));
        this.sessions = sessions;
        this.registry = registry;
        if (origins.isEmpty()) {
            LOG.info("event=browser_practice_closed reason=no-allowed-origins (set BROWSER_ALLOWED_ORIGINS)");
        }
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return BrowserMediaPath.ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (!origins.allows(request.getHeader("Origin"))) {
            return refuse("foreign-origin", null);
        }
        Optional<UUID> session = sessionOf(request.path());
        if (session.isEmpty()) {
            return refuse("bad-session-id", null);
        }
        String token = request.getParam(BrowserMediaPath.TOKEN_PARAM);
        if (token == null || !TOKEN.matcher(token).matches()) {
            return refuse("malformed-token", session.get());
        }
        return sessions.admit(session.get(), token)
                .chain(admitted -> {
                    if (!admitted) {
                        // Unknown, used, expired, another session's, or the session is over: one answer for all.
                        return refuse("token-not-valid", session.get());
                    }
                    LOG.infof("event=browser_socket_admitted session=%s", session.get());
                    return CheckResult.permitUpgrade();
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("event=browser_socket_refused reason=database-unavailable session=%s cause=\"%s\"",
                            session.get(), failure.getMessage());
                    count("database-unavailable");
                    return CheckResult.rejectUpgrade(503);
                });
    }

    private Uni<CheckResult> refuse(String reason, UUID session) {
        LOG.infof("event=browser_socket_refused reason=%s session=%s", reason, session);
        count(reason);
        return CheckResult.rejectUpgrade(403);
    }

    private void count(String reason) {
        registry.counter("callcoach.browser.sockets.refused", "reason", reason).increment();
    }

    /** The session id in {@code /browser/media/{session}}, exactly; anything else is no session. */
    static Optional<UUID> sessionOf(String path) {
        if (path == null || !path.startsWith(PATH_PREFIX)) {
            return Optional.empty();
        }
        String id = path.substring(PATH_PREFIX.length());
        try {
            UUID parsed = UUID.fromString(id);
            // UUID.fromString accepts short groups ("1-1-1-1-1"); only the canonical form names a session.
            return parsed.toString().equals(id.toLowerCase(Locale.ROOT)) ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
