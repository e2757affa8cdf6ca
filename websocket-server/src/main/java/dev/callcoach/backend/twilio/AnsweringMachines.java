package dev.callcoach.backend.twilio;

import dev.callcoach.contracts.channel.EndReason;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Applies the result of Twilio's asynchronous answering machine detection ({@code AsyncAmd}): when a
 * machine or fax answered, the call is ended at once wherever its bridge runs, so the AI never talks to a
 * voicemail. Twilio posts it to the session's status callback URL, told apart by {@code AnsweredBy} and
 * the absence of {@code CallStatus}.
 */
public final class AnsweringMachines {

    private static final Logger LOG = Logger.getLogger(AnsweringMachines.class);
    /** Twilio's verdicts for something other than a person; {@code human} and {@code unknown} let the call go on. */
    private static final Set<String> MACHINES = Set.of("machine_start", "machine_end_beep", "machine_end_silence",
            "machine_end_other", "fax");

    private final BiFunction<UUID, EndReason, Uni<Void>> endCall;

    /** @param endCall ends a session's call on whichever instance runs it */
    public AnsweringMachines(BiFunction<UUID, EndReason, Uni<Void>> endCall) {
        this.endCall = endCall;
    }

    /** Whether a status-callback request is in fact an AMD result. */
    public static boolean isAmdResult(Map<String, String> params) {
        return params.containsKey("AnsweredBy") && !params.containsKey("CallStatus");
    }

    /** @return whether the call is being ended */
    public Uni<Boolean> apply(String sessionIdText, Map<String, String> params) {
        Optional<UUID> sessionId = VoiceAnswers.parse(sessionIdText);
        String answeredBy = params.getOrDefault("AnsweredBy", "");
        boolean machine = MACHINES.contains(answeredBy);
        LOG.infof("amd result session=%s answeredBy=%s action=%s", sessionIdText.length() > 36 ? "(bad)" : sessionIdText,
                answeredBy.matches("[a-z_]{1,32}") ? answeredBy : "(bad)", machine ? "hang-up" : "none");
        if (sessionId.isEmpty() || !machine) {
            return Uni.createFrom().item(false);
        }
        return endCall.apply(sessionId.get(), EndReason.VOICEMAIL).replaceWith(true);
    }
}
