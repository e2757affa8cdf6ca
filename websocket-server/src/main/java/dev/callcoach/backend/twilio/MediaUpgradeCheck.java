package dev.callcoach.backend.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Whether a Media Stream upgrade may open: Twilio signed it, header {@code x-twilio-signature} over the
 * {@code wss://} URL from our TwiML, with no parameters. That URL names the session
 * ({@code /twilio/media/{session}}), so a signature replayed for another session fails here.
 */
@ApplicationScoped
public class MediaUpgradeCheck {

    /** The header Twilio signs the upgrade with. */
    public static final String SIGNATURE_HEADER = "x-twilio-signature";

    private static final Logger LOG = Logger.getLogger(MediaUpgradeCheck.class);

    private final TwilioSignatures signatures;

    public MediaUpgradeCheck(TwilioSignatures signatures) {
        this.signatures = signatures;
    }

    /**
     * @param pathAndQuery the upgrade request's URI as it arrived
     * @param signature    its {@link #SIGNATURE_HEADER}, or null
     */
    public boolean permits(String pathAndQuery, String signature) {
        if (signatures.isValidUpgrade(pathAndQuery, signature)) {
            return true;
        }
        LOG.warnf("media stream upgrade refused reason=%s", signature == null ? "no-signature" : "bad-signature");
        return false;
    }
}
