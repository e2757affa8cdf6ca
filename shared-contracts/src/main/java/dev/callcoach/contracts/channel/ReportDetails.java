package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code report.details}: a finished call's transcript and, once graded, its coaching report.
 *
 * @param scenarioId the scenario practised
 * @param state      {@code preparing}, {@code ready} or {@code failed}
 * @param transcript the call's final lines in conversation order, both speakers
 * @param report     the report when {@code state} is {@code ready}, else null
 * @param expiresAt  when transcript and report will be deleted unless the person deletes them earlier
 */
@JsonTypeName("report.details")
public record ReportDetails(String correlationId, UUID sessionId, String scenarioId, ReportState state,
                            List<TranscriptLine> transcript, CoachingReport report, Instant expiresAt)
        implements ChannelReply {

    public ReportDetails {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
        Require.text(scenarioId, "scenarioId", MessageChecks.MAX_SHORT_TEXT);
        Require.nonNull(state, "state");
        transcript = Require.list(transcript, "transcript");
        if ((state == ReportState.READY) != (report != null)) {
            throw new IllegalArgumentException("field 'report' must be present exactly when the state is ready");
        }
        Require.nonNull(expiresAt, "expiresAt");
    }
}
