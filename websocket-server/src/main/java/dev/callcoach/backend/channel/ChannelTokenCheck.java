package dev.callcoach.backend.channel;

import dev.callcoach.backend.config.SecretPolicy;
import dev.callcoach.contracts.channel.ChannelProtocol;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jboss.logging.Logger;

/**
 * Refuses the channel's WebSocket upgrade (HTTP 401, before any frame) unless the request carries the
 * shared token. Compares SHA-256 digests with {@link MessageDigest#isEqual}: constant time, and equal
 * lengths so not even the token's length leaks. Created at startup so a missing or weak
 * {@code CHANNEL_TOKEN} stops the service (see {@link SecretPolicy}).
 */
@Startup
@ApplicationScoped
public class ChannelTokenCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(ChannelTokenCheck.class);
    private static final int UNAUTHORIZED = 401;

    private final byte[] expected;

    ChannelTokenCheck(ChannelConfig config) {
        this.expected = sha256(ChannelProtocol.BEARER_PREFIX + SecretPolicy.require("CHANNEL_TOKEN", config.token()));
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return ChannelEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String presented = context.httpRequest().getHeader(ChannelProtocol.TOKEN_HEADER);
        if (presented != null && MessageDigest.isEqual(sha256(presented), expected)) {
            return CheckResult.permitUpgrade();
        }
        LOG.warnf("event=channel_auth_refused remote=%s token=%s", context.httpRequest().remoteAddress(),
                presented == null ? "missing" : "wrong");
        return CheckResult.rejectUpgrade(UNAUTHORIZED);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
