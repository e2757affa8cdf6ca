package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.util.UUID;

/**
 * {@code report.retry}: grade the call again after {@code failed}. Answered by {@link Ack}; {@code report.status} events follow.
 *
 * @param reportToken the token of the session's first {@link ReportStatusChanged}; masked in {@link #toString()}
 */
@JsonTypeName("report.retry")
public record RetryReport(String correlationId, UUID sessionId, String reportToken) implements ChannelRequest {

    public RetryReport {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
        MessageChecks.reportToken(reportToken);
    }

    @Override
    public String toString() {
        return "RetryReport[correlationId=" + correlationId + ", sessionId=" + sessionId + ", reportToken=•••]";
    }
}
