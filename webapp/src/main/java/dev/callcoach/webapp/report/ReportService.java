package dev.callcoach.webapp.report;

import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.DeleteReport;
import dev.callcoach.contracts.channel.ErrorCode;
import dev.callcoach.contracts.channel.GetReport;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.RetryReport;
import dev.callcoach.webapp.base.UserFacingException;
import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.channel.ChannelException;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * A call's transcript and coaching report, asked of the backend with the report's token. The backend answers a
 * wrong token as it answers a deleted or expired report, so the page can only say that it is gone.
 */
public class ReportService {

    private final ChannelClient channel;

    public ReportService(ChannelClient channel) {
        this.channel = channel;
    }

    /**
     * @throws ReportGone when there is no such report (deleted, expired, or not this token)
     * @throws ChannelException when the backend cannot be asked
     */
    public ReportDetails fetch(UUID sessionId, String token) {
        return gone(() -> channel.exchange(id -> new GetReport(id, sessionId, token), ReportDetails.class));
    }

    /** Grades the call again; {@code report.status} events follow. */
    public void retry(UUID sessionId, String token) {
        gone(() -> channel.exchange(id -> new RetryReport(id, sessionId, token), Ack.class));
    }

    /** Deletes transcript and report now; done also when nothing was left. */
    public void delete(UUID sessionId, String token) {
        channel.exchange(id -> new DeleteReport(id, sessionId, token), Ack.class);
    }

    private static <T> T gone(Supplier<T> request) {
        try {
            return request.get();
        } catch (ChannelException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new ReportGone();
            }
            throw e;
        }
    }

    /** The report does not exist (any more) for this link. */
    public static final class ReportGone extends UserFacingException {
        public ReportGone() {
            super("This transcript and report no longer exist: they were deleted, or they expired.");
        }
    }
}
