package dev.callcoach.webapp.report.ui;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.callcoach.contracts.channel.CoachingReport;
import dev.callcoach.contracts.channel.CriterionScore;
import dev.callcoach.contracts.channel.NextStep;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.TranscriptLine;
import dev.callcoach.webapp.report.ReportText;

/** Draws one report: a bar per criterion with its reason and quote, the summary, strengths, next steps, and the transcript. */
class ReportSheet extends Div {

    ReportSheet() {
        setId("report-sheet");
        addClassName("cc-report-sheet");
    }

    void show(ReportDetails details) {
        removeAll();
        CoachingReport report = details.report();
        if (report != null) {
            Paragraph summary = new Paragraph(report.summary());
            summary.setId("report-summary");
            Div criteria = new Div();
            criteria.setId("report-criteria");
            report.criteria().forEach(criterion -> criteria.add(criterion(criterion)));
            UnorderedList strengths = new UnorderedList();
            strengths.setId("report-strengths");
            report.strengths().forEach(strength -> strengths.add(new ListItem(strength)));
            UnorderedList nextSteps = new UnorderedList();
            nextSteps.setId("report-next-steps");
            report.nextSteps().forEach(step -> nextSteps.add(nextStep(step)));
            add(summary, criteria, new H3("What went well"), strengths, new H3("Try next time"), nextSteps);
        }
        Div lines = new Div();
        lines.setId("report-transcript");
        for (TranscriptLine line : details.transcript()) {
            Paragraph said = new Paragraph(ReportText.speaker(line.speaker()) + ": " + line.text());
            said.addClassName("cc-report-line");
            lines.add(said);
        }
        // Closed: the live call above already shows it; the copy, the download and a kept link need it whole.
        Details transcript = new Details("Transcript (" + details.transcript().size() + " lines)", lines);
        add(transcript);
    }

    private static Div criterion(CriterionScore criterion) {
        Span name = new Span(criterion.name());
        name.addClassName("cc-criterion-name");
        Span score = new Span(criterion.score() + " of 5");
        score.addClassName("cc-criterion-score");
        Div fill = new Div();
        fill.addClassName("cc-score-fill");
        fill.getStyle().set("width", criterion.score() * 20 + "%");
        Div bar = new Div(fill);
        bar.addClassName("cc-score-bar");
        bar.getElement().setAttribute("role", "meter");
        bar.getElement().setAttribute("aria-valuemin", "1");
        bar.getElement().setAttribute("aria-valuemax", "5");
        bar.getElement().setAttribute("aria-valuenow", String.valueOf(criterion.score()));
        bar.getElement().setAttribute("aria-label", criterion.name() + ": " + criterion.score() + " of 5");
        Paragraph reason = new Paragraph(criterion.reason());
        reason.addClassName("cc-criterion-reason");
        Paragraph quote = new Paragraph("“" + criterion.quote() + "”");
        quote.addClassName("cc-criterion-quote");
        Div row = new Div(new Div(name, score), bar, reason, quote);
        row.addClassName("cc-criterion");
        row.getElement().setAttribute("data-criterion", criterion.id());
        return row;
    }

    private static ListItem nextStep(NextStep step) {
        Span example = new Span("Try saying: “" + step.example() + "”");
        example.addClassName("cc-next-example");
        ListItem item = new ListItem(new Span(step.suggestion()), example);
        item.addClassName("cc-next-step");
        return item;
    }
}
