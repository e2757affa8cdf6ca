package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code report.status}: the session's coaching report moved on. Sent once the call has ended: first
 * {@code preparing} (or {@code none}), then {@code ready} or {@code failed}; a retry starts again at
 * {@code preparing}.
 *
 * @param reportToken only in the first {@code preparing} event of a call: the secret that {@link GetReport},
 *                    {@link RetryReport} and {@link DeleteReport} must carry. The backend keeps only its hash
 *                    and never sends it again; the webapp hands it to the browser (e.g. in the report's link).
 *                    Null otherwise. Masked in {@link #toString()}
 * @param detail      short reason for {@code failed} or {@code none} (e.g. "timeout", "caller-silent"), or null
 */
@JsonTypeName("report.status")
public record ReportStatusChanged(UUID sessionId, ReportState state, String reportToken, Instant at, String detail)
        implements ChannelEvent {

    public ReportStatusChanged {
        Require.nonNull(sessionId, "sessionId");
        Require.nonNull(state, "state");
        if (reportToken != null) {
            MessageChecks.reportToken(reportToken);
        }
        Require.nonNull(at, "at");
        Require.maxLength(detail, "detail", MessageChecks.MAX_SHORT_TEXT);
    }

    @Override
    public String toString() {
        return "ReportStatusChanged[sessionId=" + sessionId + ", state=" + state + ", reportToken="
                + (reportToken == null ? "null" : "•••") + ", at=" + at + ", detail=" + detail + "]";
    }
}
