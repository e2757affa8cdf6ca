package dev.callcoach.webapp.report.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.webapp.report.ReportText;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** What a person can keep of a report: its link, the transcript on the clipboard, a Markdown file; and the way to delete it. */
class ReportKeeping extends Div {

    final Paragraph keep = new Paragraph();
    final Anchor link = new Anchor();
    final Button copy = new Button("Copy transcript");
    final Anchor download = new Anchor();
    final Button delete = new Button("Delete this transcript and report");
    private final Div actions = new Div(copy, download, delete);
    private ReportDetails details;

    ReportKeeping(Runnable onDelete) {
        keep.setId("report-keep");
        link.setId("report-link");
        copy.setId("report-copy");
        // Copied in the browser, inside the click: browsers allow the clipboard only during a user's gesture.
        copy.getElement().executeJs("this.addEventListener('click', () => navigator.clipboard.writeText(this.transcript)"
                + ".then(() => this.dispatchEvent(new CustomEvent('copied')),"
                + " () => this.dispatchEvent(new CustomEvent('copy-failed'))))");
        copy.getElement().addEventListener("copied", event -> Notification.show("Transcript copied."));
        copy.getElement().addEventListener("copy-failed",
                event -> Notification.show("This browser didn't let us copy. Download the transcript instead."));
        download.setId("report-download");
        // A link that looks like its neighbours; the browser saves what it points at.
        download.add(new Button("Download transcript and report"));
        download.getElement().setAttribute("download", true);
        delete.setId("report-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(click -> {
            delete.setEnabled(false);
            onDelete.run();
        });
        actions.addClassName("cc-actions");
        add(keep, actions);
    }

    /** The link while there is a token; the actions once the report's details are in hand. */
    void show(UUID sessionId, String token, ReportDetails fetched, String title) {
        details = token == null ? null : fetched;
        keep.setVisible(token != null);
        actions.setVisible(details != null);
        delete.setEnabled(true);
        if (token == null) {
            return;
        }
        String href = ReportView.link(sessionId, token);
        link.setHref(href);
        link.setText(href);
        // Shown whole, as the browser resolves it, so it can be copied as it reads.
        link.getElement().executeJs("this.textContent = this.href");
        keep.removeAll();
        keep.add(new Span(ReportWords.keep(details == null ? null : details.expiresAt())), link);
        if (details != null) {
            copy.getElement().setProperty("transcript", ReportText.transcript(details.transcript()));
            byte[] markdown = ReportText.markdown(details, title.isEmpty() ? details.scenarioId() : title)
                    .getBytes(StandardCharsets.UTF_8);
            download.setHref(event -> {
                event.setFileName("callcoach-report.md");
                event.setContentType("text/markdown; charset=utf-8");
                event.setContentLength(markdown.length);
                event.getOutputStream().write(markdown);
            });
        }
    }

    /** A delete that failed: it can be tried again. */
    void deleteFailed() {
        delete.setEnabled(true);
    }
}
