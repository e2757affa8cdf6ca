package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/**
 * {@code report.delete}: delete the session's transcript and report now (the page's "Delete this transcript and report"). Answered by {@link Ack}, also when there was nothing left to delete.
 *
 * @param reportToken the token of the session's first {@link ReportStatusChanged}; masked in {@link #toString()}
 */
@JsonTypeName("report.delete")
public record DeleteReport(String correlationId, UUID sessionId, String reportToken) implements ChannelRequest {

    public DeleteReport {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
        MessageChecks.reportToken(reportToken);
    }

    @Override
    public String toString() {
        return "DeleteReport[correlationId=" + correlationId + ", sessionId=" + sessionId + ", reportToken=•••]";
    }
}
