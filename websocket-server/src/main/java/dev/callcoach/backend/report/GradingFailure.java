package dev.callcoach.backend.report;

/**
 * Grading did not produce a report. The {@link #reason()} is a short tag fit for logs and the
 * {@code report.status} event's detail; the message may say more, but never quotes the transcript.
 */
final class GradingFailure extends RuntimeException {

    private final String reason;

    GradingFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    GradingFailure(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** e.g. {@code timeout}, {@code rate-limited}, {@code server-error}, {@code refusal}, {@code invalid-output}. */
    String reason() {
        return reason;
    }
}
