package dev.callcoach.webapp.report.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the page says about a call's feedback, in one place. */
final class ReportWords {

    static final String PREPARING = "Preparing your feedback…";
    static final String READY = "Here is your feedback.";
    static final String FAILED = "Feedback isn't available for this call. The transcript is kept: you can try again.";
    static final String DELETED = "Your transcript and report are deleted. The link to them no longer works.";
    static final String NO_LINK = "Feedback for this call was prepared, but this page missed the link to it, so it can't be shown here.";
    static final String BAD_LINK = "This link isn't complete: copy the whole link, including the part after #.";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private ReportWords() {
    }

    /** Why a call has no feedback, from the backend's {@code detail}. */
    static String none(String detail) {
        String why = switch (detail == null ? "" : detail) {
            case "caller-silent" -> "nothing was said on your side of the call, so there is nothing to give feedback on.";
            case "reports-off" -> "feedback is turned off on this service.";
            case "storage-unavailable" -> "we couldn't store the transcript, so it couldn't be graded.";
            default -> "the call service has no transcript of it.";
        };
        return "No feedback for this call: " + why;
    }

    /** "Keep this link…", with the date transcript and report are deleted once it is known. */
    static String keep(Instant expiresAt) {
        return expiresAt == null ? "Keep this link to come back to your feedback: "
                : "Keep this link to come back to your feedback until " + DAY.format(expiresAt) + ": ";
    }
}
