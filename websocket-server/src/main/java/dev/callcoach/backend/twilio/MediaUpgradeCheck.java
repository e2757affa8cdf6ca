package dev.callcoach.backend.twilio;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Refuses a Media Stream upgrade, before the socket opens, unless Twilio signed it: header
 * {@code x-twilio-signature} over the {@code wss://} URL from our TwiML, with no parameters. That URL
 * names the session ({@code /twilio/media/{session}}), so a signature replayed for another session fails here.
 */
@ApplicationScoped
public class MediaUpgradeCheck implements HttpUpgradeCheck {

    /** The endpoint id of the Media Stream WebSocket this check guards. */
    public static final String MEDIA_ENDPOINT_ID = "twilio-media";

    private static final Logger LOG = Logger.getLogger(MediaUpgradeCheck.class);

    private final TwilioSignatures signatures;

    public MediaUpgradeCheck(TwilioSignatures signatures) {
        this.signatures = signatures;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return MEDIA_ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String signature = context.httpRequest().getHeader("x-twilio-signature");
        if (signatures.isValidUpgrade(context.httpRequest().uri(), signature)) {
            return CheckResult.permitUpgrade();
        }
        LOG.warnf("media stream upgrade refused reason=%s", signature == null ? "no-signature" : "bad-signature");
        return CheckResult.rejectUpgrade(403);
    }
}
