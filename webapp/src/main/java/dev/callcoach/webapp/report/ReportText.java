package dev.callcoach.webapp.report;

import dev.callcoach.contracts.channel.CoachingReport;
import dev.callcoach.contracts.channel.CriterionScore;
import dev.callcoach.contracts.channel.NextStep;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptLine;
import dev.callcoach.webapp.base.Durations;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** A call's transcript and report as text: plain lines for the clipboard, Markdown for the download. */
public final class ReportText {

    private ReportText() {
    }

    /** How the page names a speaker. */
    public static String speaker(Speaker speaker) {
        return speaker == Speaker.CALLER ? "You" : "AI";
    }

    /** "AI: …" and "You: …", one line each. */
    public static String transcript(List<TranscriptLine> lines) {
        return lines.stream().map(line -> speaker(line.speaker()) + ": " + line.text())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** The whole report and transcript as one Markdown document. */
    public static String markdown(ReportDetails details, String scenarioName) {
        StringBuilder md = new StringBuilder("# Practice call: ").append(scenarioName).append("\n\n");
        CoachingReport report = details.report();
        if (report != null) {
            md.append("## Feedback\n\n").append(report.summary()).append("\n\n");
            for (CriterionScore criterion : report.criteria()) {
                md.append("### ").append(criterion.name()).append(": ").append(criterion.score()).append(" of 5\n\n")
                        .append(criterion.reason()).append("\n\n> ").append(criterion.quote()).append("\n\n");
            }
            md.append("## Strengths\n\n");
            report.strengths().forEach(strength -> md.append("- ").append(strength).append('\n'));
            md.append("\n## Next time\n\n");
            for (NextStep step : report.nextSteps()) {
                md.append("- ").append(step.suggestion()).append(" Try: \"").append(step.example()).append("\"\n");
            }
            md.append('\n');
        }
        md.append("## Transcript\n\n");
        for (TranscriptLine line : details.transcript()) {
            md.append("**").append(speaker(line.speaker())).append("** (")
                    .append(Durations.elapsed(Duration.ofMillis(line.offsetMs()))).append("): ").append(line.text()).append("\n\n");
        }
        return md.toString();
    }
}
