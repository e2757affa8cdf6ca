package dev.callcoach.webapp.report.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.notification.Notification;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.contracts.channel.ReportStatusChanged;
import dev.callcoach.webapp.base.UserFacingException;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.report.ReportService;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A finished call's feedback: "Preparing your feedback…", then the report, or why there is none. Follows the
 * backend's {@code report.status} events under a call, or opens a kept link; either way it holds the report's
 * token, the only key to it, and shows it nowhere but in the link.
 */
public class ReportPanel extends Section {

    final Paragraph status = new Paragraph();
    final Button retry = new Button("Retry");
    final Button checkAgain = new Button("Check again");
    final ReportSheet sheet = new ReportSheet();
    final ReportKeeping keeping = new ReportKeeping(this::delete);

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
        add(new H2("Your feedback"), status, retry, checkAgain, sheet, keeping);
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
        switch (fetched.state()) {
            case READY -> show(ReportWords.READY);
            case FAILED -> {
                show(ReportWords.FAILED);
                retry.setVisible(true);
            }
            case PREPARING -> preparing();
            case NONE -> show(ReportWords.none(null));
        }
        sheet.show(fetched);
        sheet.setVisible(fetched.state() == ReportState.READY || fetched.state() == ReportState.FAILED);
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

    /** One state on screen: its status line; the link while there is one, the actions once fetched. */
    private void show(String words) {
        status.setText(words == null ? "" : words);
        retry.setVisible(false);
        retry.setEnabled(true);
        checkAgain.setVisible(false);
        sheet.setVisible(false);
        keeping.show(sessionId, token, details, title);
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
                // The report is still on screen and still there: say what failed and let it be tried again.
                Notification.show(message);
                retry.setEnabled(true);
                keeping.deleteFailed();
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
