package dev.callcoach.webapp.report;

import dev.callcoach.contracts.channel.CoachingReport;
import dev.callcoach.contracts.channel.CriterionScore;
import dev.callcoach.contracts.channel.NextStep;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptLine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTextTest {

    private static final List<TranscriptLine> LINES = List.of(
            new TranscriptLine(Speaker.AI, "Thanks for coming in.", 0),
            new TranscriptLine(Speaker.CALLER, "Happy to be here.", 65_300));

    @Test
    void theTranscriptIsOneLinePerTurn() {
        assertThat(ReportText.transcript(LINES)).isEqualTo("AI: Thanks for coming in.\nYou: Happy to be here.\n");
    }

    @Test
    void markdownHoldsEveryPartOfTheReportAndTheTranscript() {
        CoachingReport report = new CoachingReport("Good start.",
                List.of(new CriterionScore("clarity", "Clarity", 4, "Short answers.", "Happy to be here."),
                        new CriterionScore("tone", "Tone", 5, "Warm.", "Happy to be here."),
                        new CriterionScore("questions", "Questions", 1, "None asked.", "Happy to be here.")),
                List.of("Warm", "Brief"), List.of(new NextStep("Ask a question.", "What does a day look like?"),
                        new NextStep("Give an example.", "At my last job I…")));
        ReportDetails details = new ReportDetails("c-1", UUID.randomUUID(), "job-interview", ReportState.READY, LINES,
                report, Instant.parse("2026-03-08T10:00:00Z"));

        String md = ReportText.markdown(details, "Job interview");

        assertThat(md).startsWith("# Practice call: Job interview\n\n## Feedback\n\nGood start.\n\n")
                .contains("### Clarity: 4 of 5\n\nShort answers.\n\n> Happy to be here.\n")
                .contains("## Strengths\n\n- Warm\n- Brief\n")
                .contains("- Ask a question. Try: \"What does a day look like?\"\n")
                .endsWith("## Transcript\n\n**AI** (0:00): Thanks for coming in.\n\n**You** (1:05): Happy to be here.\n\n");
    }

    @Test
    void withoutAReportOnlyTheTranscriptIsWritten() {
        ReportDetails failed = new ReportDetails("c-1", UUID.randomUUID(), "job-interview", ReportState.FAILED, LINES,
                null, Instant.parse("2026-03-08T10:00:00Z"));

        assertThat(ReportText.markdown(failed, "job-interview")).doesNotContain("## Feedback").contains("## Transcript");
    }
}
