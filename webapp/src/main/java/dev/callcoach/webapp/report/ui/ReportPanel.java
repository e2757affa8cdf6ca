package dev.callcoach.webapp.report.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.webapp.base.UserFacingException;
import dev.callcoach.contracts.channel.ReportStatusChanged;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.report.ReportService;
import dev.callcoach.webapp.report.ReportText;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A finished call's feedback: "Preparing your feedback…", then the report, or why there is none. Follows the
 * backend's {@code report.status} events under a call, or opens a kept link; either way it holds the report's
 * token, the only key to it, and never shows it except in the link.
 */
public class ReportPanel extends Section {

    final Paragraph status = new Paragraph();
    final Button retry = new Button("Retry");
    final Button checkAgain = new Button("Check again");
    final ReportSheet sheet = new ReportSheet();
    final Paragraph keep = new Paragraph();
    final Anchor link = new Anchor();
    final Button copy = new Button("Copy transcript");
    final Anchor download = new Anchor();
    final Button delete = new Button("Delete this transcript and report");
    private final Div actions = new Div(copy, download, delete);

    private final ReportService reports;
    private final UiTasks tasks;
    private final boolean standalone;
    private UUID sessionId;
    private String token;
    private String title = "";
    private ReportDetails details;

    /** @param standalone opened from a kept link, where no events come: offers "Check again" while preparing */
    public ReportPanel(ReportService reports, UiTasks tasks, boolean standalone) {
        this.reports = reports;
        this.tasks = tasks;
        this.standalone = standalone;
        setId("report");
        addClassName("cc-report");
        status.setId("report-status");
        status.addClassName("cc-headline");
        status.getElement().setAttribute("role", "status");
        status.getElement().setAttribute("aria-live", "polite");
        retry.setId("report-retry");
        retry.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        retry.addClickListener(click -> retry());
        checkAgain.setId("report-check-again");
        checkAgain.addClickListener(click -> load());
        keep.setId("report-keep");
        link.setId("report-link");
        copy.setId("report-copy");
        copy.addClickListener(click -> copyTranscript());
        download.setId("report-download");
        download.setText("Download transcript and report");
        delete.setId("report-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(click -> delete());
        actions.addClassName("cc-actions");
        add(new H2("Your feedback"), status, retry, checkAgain, sheet, keep, actions);
        reset();
    }

    /** Forgets the last call: hidden until its first {@code report.status}. */
    public void reset() {
        sessionId = null;
        token = null;
        details = null;
        setVisible(false);
        show(null);
    }

    /** What the page calls the practice, for the download's heading. */
    public void title(String title) {
        this.title = title;
    }

    /** A {@code report.status} event of the call on the page. */
    public void status(ReportStatusChanged event) {
        if (event.reportToken() != null) {
            sessionId = event.sessionId();
            token = event.reportToken();
            keep(null);
        }
        setVisible(true);
        switch (event.state()) {
            case PREPARING -> preparing();
            case READY, FAILED -> load();
            case NONE -> show(ReportWords.none(event.detail()));
        }
    }

    /** Opens the report behind a kept link. */
    public void open(UUID sessionId, String token) {
        this.sessionId = sessionId;
        this.token = token;
        setVisible(true);
        load();
    }

    /** A link that cannot lead anywhere: says why. */
    void unusable(String why) {
        reset();
        setVisible(true);
        show(why);
    }

    private void preparing() {
        show(ReportWords.PREPARING);
        checkAgain.setVisible(standalone && token != null);
    }

    private void load() {
        if (token == null) {
            show(ReportWords.NO_LINK);
            return;
        }
        UUID session = sessionId;
        String key = token;
        background(() -> reports.fetch(session, key), this::details);
    }

    private void details(ReportDetails fetched) {
        details = fetched;
        keep(fetched);
        switch (fetched.state()) {
            case READY -> show(ReportWords.READY);
            case FAILED -> {
                show(ReportWords.FAILED);
                retry.setVisible(true);
            }
            case PREPARING -> preparing();
            case NONE -> show(ReportWords.none(null));
        }
        if (fetched.state() != ReportState.PREPARING) {
            sheet.show(fetched);
            sheet.setVisible(true);
        }
    }

    private void retry() {
        retry.setEnabled(false);
        UUID session = sessionId;
        String key = token;
        background(() -> {
            reports.retry(session, key);
            return key;
        }, done -> preparing());
    }

    private void delete() {
        delete.setEnabled(false);
        UUID session = sessionId;
        String key = token;
        background(() -> {
            reports.delete(session, key);
            return key;
        }, done -> {
            token = null;
            details = null;
            show(ReportWords.DELETED);
        });
    }

    private void copyTranscript() {
        if (details != null) {
            getUI().ifPresent(ui -> ui.getPage().executeJs("return navigator.clipboard.writeText($0)",
                    ReportText.transcript(details.transcript())));
            Notification.show("Transcript copied.");
        }
    }

    /** One state on screen: its status line; the link while there is one, the actions once fetched. */
    private void show(String words) {
        status.setText(words == null ? "" : words);
        retry.setVisible(false);
        retry.setEnabled(true);
        checkAgain.setVisible(false);
        sheet.setVisible(false);
        keep.setVisible(token != null);
        actions.setVisible(token != null && details != null);
        delete.setEnabled(true);
    }

    /** "Keep this link…", with the date once the backend has said when it deletes the report. */
    private void keep(ReportDetails fetched) {
        String href = ReportView.link(sessionId, token);
        link.setHref(href);
        link.setText(href);
        // Shown whole, as the browser resolves it, so it can be copied as it reads.
        link.getElement().executeJs("this.textContent = this.href");
        keep.removeAll();
        keep.add(new Span(ReportWords.keep(fetched == null ? null : fetched.expiresAt())), link);
        if (fetched != null) {
            byte[] markdown = ReportText.markdown(fetched, title.isEmpty() ? fetched.scenarioId() : title)
                    .getBytes(StandardCharsets.UTF_8);
            download.setHref(event -> {
                event.setFileName("callcoach-report.md");
                event.setContentType("text/markdown; charset=utf-8");
                event.setContentLength(markdown.length);
                event.getOutputStream().write(markdown);
            });
            download.getElement().setAttribute("download", true);
        }
    }

    private <T> void background(Supplier<T> work, Consumer<T> onResult) {
        UI ui = getUI().orElse(UI.getCurrent());
        tasks.run(ui, work, onResult, failure -> {
            String message = messageOf(failure);
            if (failure instanceof ReportService.ReportGone) {
                token = null;
                details = null;
            }
            if (details == null) {
                show(message);
                checkAgain.setVisible(token != null);
            } else {
                Notification.show(message);
                retry.setEnabled(true);
                delete.setEnabled(true);
            }
        });
    }

    /** User-facing failures say what happened; anything else goes to the central error handler. */
    private static String messageOf(RuntimeException failure) {
        if (failure instanceof UserFacingException) {
            return failure.getMessage();
        }
        throw failure;
    }
}
