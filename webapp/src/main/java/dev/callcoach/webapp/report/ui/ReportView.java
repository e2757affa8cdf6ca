package dev.callcoach.webapp.report.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.callcoach.webapp.base.ui.MainLayout;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.report.ReportService;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A kept link to a call's feedback: {@code /report/{sessionId}#{token}}. The token sits in the fragment, which
 * browsers never send, so it reaches neither access logs nor proxies; the page reads it in the browser and
 * sends it over its own connection.
 */
@Route(value = "report", layout = MainLayout.class)
@PageTitle("Your feedback · Callcoach")
public class ReportView extends Div implements HasUrlParameter<String> {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    final ReportPanel panel;
    private UUID sessionId;

    public ReportView(ReportService reports, UiTasks tasks) {
        addClassNames("cc-practice", "cc-report-page");
        panel = new ReportPanel(reports, tasks, true);
        Anchor practise = new Anchor("", "Practise another call");
        practise.setId("practise-another");
        add(new H1("Your practice call"), panel, practise);
    }

    /** The link that brings this browser back to a call's feedback. */
    static String link(UUID sessionId, String token) {
        return "report/" + sessionId + "#" + token;
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        try {
            sessionId = UUID.fromString(parameter);
        } catch (IllegalArgumentException e) {
            sessionId = null;
        }
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().getPage().executeJs("return window.location.hash").then(String.class, this::opened);
    }

    /** The fragment as the browser has it, with or without its "#". */
    void opened(String fragment) {
        String token = fragment == null ? "" : fragment.startsWith("#") ? fragment.substring(1) : fragment;
        if (sessionId == null || !TOKEN.matcher(token).matches()) {
            panel.unusable(ReportWords.BAD_LINK);
        } else {
            panel.open(sessionId, token);
        }
    }
}
