package dev.callcoach.backend.report;

import dev.callcoach.contracts.channel.CoachingReport;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.contracts.channel.TranscriptLine;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of {@code call_report}: a finished call's transcript and what became of its grading.
 *
 * @param tokenHash SHA-256 of the report token
 * @param report    present when {@code state} is ready
 * @param failure   short reason when {@code state} is failed, else null
 */
record StoredReport(UUID sessionId, byte[] tokenHash, String scenarioId, List<TranscriptLine> transcript,
                    ReportState state, CoachingReport report, String failure, Instant createdAt, Instant updatedAt) {
}
