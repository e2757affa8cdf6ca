package dev.callcoach.backend.report;

import dev.callcoach.contracts.channel.CoachingReport;

/** A graded call: the report and the tokens grading used, which count towards the session's usage. */
record Grading(CoachingReport report, long inputTokens, long outputTokens) {
}
