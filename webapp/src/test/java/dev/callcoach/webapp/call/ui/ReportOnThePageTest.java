package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CoachingReport;
import dev.callcoach.contracts.channel.CriterionScore;
import dev.callcoach.contracts.channel.NextStep;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.contracts.channel.ReportStatusChanged;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptLine;
import dev.callcoach.webapp.channel.SessionListener;
import dev.callcoach.webapp.report.ReportService;
import dev.callcoach.webapp.report.ui.ReportPanel;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The feedback under a finished call: preparing, the report, and every way there is none. */
class ReportOnThePageTest extends PracticePageTestBase {

    static final String TOKEN = "q3Xv9bT0kYpL2mN8sR4wZ1cF6hJ7aD5eG0iK3oU9yW_";
    static final List<TranscriptLine> LINES = List.of(
            new TranscriptLine(Speaker.AI, "Thanks for coming in today.", 0),
            new TranscriptLine(Speaker.CALLER, "At my last café I cut the queue time by half.", 4200));
    static final CoachingReport REPORT = new CoachingReport("A clear, friendly answer.",
            List.of(new CriterionScore("star", "Concrete examples (STAR)", 4, "You gave one concrete result.",
                            "At my last café I cut the queue time by half."),
                    new CriterionScore("clarity", "Clarity and concision", 3, "Short and to the point.",
                            "At my last café I cut the queue time by half.")),
            List.of("A concrete result", "A warm tone"),
            List.of(new NextStep("Say what you did yourself.", "I redesigned the order flow."),
                    new NextStep("Ask about the team.", "How big is the team I'd join?")));
    static final Instant EXPIRES = Instant.parse("2026-03-08T10:05:00Z");

    @Test
    void aFinishedCallShowsPreparingThenTheReportWithItsLink() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(true);
        PracticeView view = inCall(listener);
        ReportPanel report = view.live.report;
        assertThat(report.isVisible()).as("nothing before the call ends").isFalse();
        deliver(listener, status(CallStatus.COMPLETED));

        deliver(listener, reportStatus(ReportState.PREPARING, TOKEN, null));
        assertThat(report.isVisible()).isTrue();
        assertThat(text(report, "report-status")).isEqualTo("Preparing your feedback…");
        assertThat($(Paragraph.class, report).id("report-status").getElement().getAttribute("aria-live")).isEqualTo("polite");

        when(reports.fetch(SESSION, TOKEN)).thenReturn(details(ReportState.READY, REPORT));
        deliver(listener, reportStatus(ReportState.READY, null, null));

        assertThat(text(report, "report-summary")).isEqualTo("A clear, friendly answer.");
        assertThat(text(report, "report-criteria")).contains("Concrete examples (STAR)", "4 of 5",
                "You gave one concrete result.", "“At my last café I cut the queue time by half.”",
                "Clarity and concision", "3 of 5");
        assertThat(text(report, "report-strengths")).contains("A concrete result", "A warm tone");
        assertThat(text(report, "report-next-steps")).contains("Say what you did yourself.",
                "Try saying: “I redesigned the order flow.”");
        assertThat(text(report, "report-keep")).startsWith(
                "Keep this link to come back to your feedback until 8 March 2026, 10:05 UTC: ");
        assertThat($(Anchor.class, report).id("report-link").getHref())
                .isEqualTo("report/" + SESSION + "#" + TOKEN);
        assertThat(view.live.practiceAgain.isVisible()).isTrue();
    }

    @Test
    void aFailedGradingOffersRetryAndGoesBackToPreparing() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(true);
        PracticeView view = inCall(listener);
        deliver(listener, reportStatus(ReportState.PREPARING, TOKEN, null));
        when(reports.fetch(SESSION, TOKEN)).thenReturn(details(ReportState.FAILED, null));

        deliver(listener, reportStatus(ReportState.FAILED, null, "timeout"));
        ReportPanel report = view.live.report;
        assertThat(text(report, "report-status")).startsWith("Feedback isn't available for this call.");
        assertThat(text(report, "report-transcript")).contains("You: At my last café I cut the queue time by half.");

        test($(Button.class, view.live.report).id("report-retry")).click();
        settle();
        verify(reports).retry(SESSION, TOKEN);
        assertThat(text(report, "report-status")).isEqualTo("Preparing your feedback…");
        assertThat(text(report, "report-retry")).as("retry is hidden").isEmpty();
    }

    @Test
    void noFeedbackSaysWhy() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(true);
        PracticeView view = inCall(listener);
        deliver(listener, reportStatus(ReportState.NONE, null, "caller-silent"));
        assertThat(text(view.live.report, "report-status"))
                .isEqualTo("No feedback for this call: nothing was said on your side of the call, so there is nothing to give feedback on.");
        assertThat(text(view.live.report, "report-keep")).as("no link to nothing").isEmpty();
    }

    @Test
    void deletingSaysSoAndDropsTheLink() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(true);
        PracticeView view = inCall(listener);
        deliver(listener, reportStatus(ReportState.PREPARING, TOKEN, null));
        when(reports.fetch(SESSION, TOKEN)).thenReturn(details(ReportState.READY, REPORT));
        deliver(listener, reportStatus(ReportState.READY, null, null));

        test($(Button.class, view.live.report).id("report-delete")).click();
        settle();

        verify(reports).delete(SESSION, TOKEN);
        assertThat(text(view.live.report, "report-status"))
                .isEqualTo("Your transcript and report are deleted. The link to them no longer works.");
        assertThat(text(view.live.report, "report-keep")).isEmpty();
        assertThat(text(view.live.report, "report-sheet")).as("the report is gone").isEmpty();
    }

    @Test
    void aReportThatIsGoneIsSaidAsSuch() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(true);
        PracticeView view = inCall(listener);
        deliver(listener, reportStatus(ReportState.PREPARING, TOKEN, null));
        doThrow(new ReportService.ReportGone()).when(reports).fetch(SESSION, TOKEN);

        deliver(listener, reportStatus(ReportState.READY, null, null));

        assertThat(text(view.live.report, "report-status"))
                .isEqualTo("This transcript and report no longer exist: they were deleted, or they expired.");
    }

    @Test
    void aNewCallForgetsTheLastFeedback() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(true);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.COMPLETED));
        deliver(listener, reportStatus(ReportState.NONE, null, "reports-off"));
        test(view.live.practiceAgain).click();
        settle();
        test(view.callStep.call).click();
        settle();
        assertThat(view.live.report.isVisible()).isFalse();
    }

    static ReportStatusChanged reportStatus(ReportState state, String token, String detail) {
        return new ReportStatusChanged(SESSION, state, token, NOW, detail);
    }

    static ReportDetails details(ReportState state, CoachingReport report) {
        return new ReportDetails("c-1", SESSION, "job-interview", state, LINES, report, EXPIRES);
    }

    /** The visible text of the panel's part with this id; empty when hidden or absent. */
    private static String text(ReportPanel report, String id) {
        return findText(report.getElement(), id);
    }

    private static String findText(com.vaadin.flow.dom.Element element, String id) {
        if (id.equals(element.getAttribute("id"))) {
            return element.isVisible() ? element.getTextRecursively() : "";
        }
        return element.getChildren().map(child -> findText(child, id)).filter(s -> !s.isEmpty()).findFirst().orElse("");
    }
}
