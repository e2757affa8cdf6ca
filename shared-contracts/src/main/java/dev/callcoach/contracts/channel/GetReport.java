package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/**
 * {@code report.get}: fetch the session's transcript and coaching report. Answered by {@link ReportDetails}, or {@code error} NOT_FOUND when the session has none or the token does not match.
 *
 * @param reportToken the token of the session's first {@link ReportStatusChanged}; masked in {@link #toString()}
 */
@JsonTypeName("report.get")
public record GetReport(String correlationId, UUID sessionId, String reportToken) implements ChannelRequest {

    public GetReport {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
        MessageChecks.reportToken(reportToken);
    }

    @Override
    public String toString() {
        return "GetReport[correlationId=" + correlationId + ", sessionId=" + sessionId + ", reportToken=•••]";
    }
}
