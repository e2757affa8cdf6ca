package dev.callcoach.backend.report;

import dev.callcoach.contracts.channel.TranscriptLine;
import dev.callcoach.contracts.scenario.Rubric;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Grades a call's transcript against its scenario's rubric. */
interface Grader {

    /**
     * Never blocks the calling thread.
     *
     * @return the grading, or a stage failed with a {@link GradingFailure}
     */
    CompletionStage<Grading> grade(GradingRequest request);

    /** What is graded: the scenario, its rubric and the transcript (already redacted). */
    record GradingRequest(String scenarioName, String scenarioDescription,
                          Rubric rubric, List<TranscriptLine> transcript) {
    }
}
