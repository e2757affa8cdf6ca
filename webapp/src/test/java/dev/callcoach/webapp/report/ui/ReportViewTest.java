package dev.callcoach.webapp.report.ui;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.webapp.base.ui.MainLayout;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.report.ReportService;
import dev.callcoach.webapp.testing.ManualTicker;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The page a kept link opens: the token comes from the fragment, and a broken link says so. */
@ViewPackages(classes = MainLayout.class)
class ReportViewTest extends BrowserlessTest {

    private static final UUID SESSION = UUID.fromString("8f0e8c1e-7d1a-4a55-9d38-0c5d2b7e1f00");
    private static final String TOKEN = "q3Xv9bT0kYpL2mN8sR4wZ1cF6hJ7aD5eG0iK3oU9yW_";

    private final ReportService reports = mock(ReportService.class);

    @Test
    void theTokenInTheFragmentOpensTheReport() {
        when(reports.fetch(SESSION, TOKEN)).thenReturn(new ReportDetails("c-1", SESSION, "job-interview",
                ReportState.PREPARING, List.of(), null, Instant.parse("2026-03-08T10:00:00Z")));
        ReportView view = open(SESSION.toString());

        view.opened("#" + TOKEN);
        settle();

        verify(reports).fetch(SESSION, TOKEN);
        assertThat(view.panel.status.getText()).isEqualTo("Preparing your feedback…");
        assertThat(view.panel.checkAgain.isVisible()).as("no events come to a kept link").isTrue();
        assertThat(view.panel.keeping.link.getHref()).isEqualTo("report/" + SESSION + "#" + TOKEN);
    }

    @Test
    void aLinkWithoutItsTokenOrSessionSaysItIsIncomplete() {
        for (String[] link : new String[][] {{SESSION.toString(), ""}, {SESSION.toString(), "#short"},
                {"not-a-session", "#" + TOKEN}, {SESSION.toString(), "#" + TOKEN + "<script>"}}) {
            ReportView view = open(link[0]);
            view.opened(link[1]);
            assertThat(view.panel.status.getText()).as(String.join("", link))
                    .isEqualTo("This link isn't complete: copy the whole link, including the part after #.");
        }
        verifyNoInteractions(reports);
    }

    private ReportView open(String parameter) {
        ReportView view = new ReportView(reports, new UiTasks(Runnable::run, new ManualTicker()));
        view.setParameter(null, parameter);
        UI.getCurrent().add(view);
        return view;
    }

    private static void settle() {
        VaadinSession session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
    }
}
