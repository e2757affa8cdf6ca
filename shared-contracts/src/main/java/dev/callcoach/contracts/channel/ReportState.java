package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a call's coaching report stands; the JSON form is lower case. */
public enum ReportState {
    /** The transcript is kept and the grader is at work. */
    PREPARING("preparing"),
    /** The report can be fetched. */
    READY("ready"),
    /** Grading failed or timed out; the transcript is kept and grading can be retried. */
    FAILED("failed"),
    /** No report will come for this call: the caller said nothing, or reports are switched off. Nothing is kept. */
    NONE("none");

    private final String wireName;

    ReportState(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON spelling, e.g. {@code "preparing"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
