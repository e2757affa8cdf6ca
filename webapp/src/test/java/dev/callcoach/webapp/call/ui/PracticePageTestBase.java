package dev.callcoach.webapp.call.ui;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.TranscriptEvent;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.scenario.FieldType;
import dev.callcoach.contracts.scenario.Scenario;
import dev.callcoach.contracts.scenario.ScenarioField;
import dev.callcoach.webapp.base.ui.MainLayout;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.call.service.BrowserPractice;
import dev.callcoach.webapp.call.service.CallAvailability;
import dev.callcoach.webapp.call.service.CallService;
import dev.callcoach.webapp.call.service.LimitLookup;
import dev.callcoach.webapp.call.service.NetworkAllowance;
import dev.callcoach.webapp.call.service.PhoneAllowance;
import dev.callcoach.webapp.call.service.PhoneLimitService;
import dev.callcoach.webapp.call.service.Placement;
import dev.callcoach.webapp.call.service.ScenarioService;
import dev.callcoach.webapp.channel.SessionListener;
import dev.callcoach.webapp.channel.Subscription;
import dev.callcoach.webapp.limit.ClientIpResolver;
import dev.callcoach.webapp.limit.IpLimitProperties;
import dev.callcoach.webapp.report.ReportService;
import dev.callcoach.webapp.testing.ManualTicker;
import dev.callcoach.webapp.testing.MutableClock;
import dev.callcoach.webapp.turnstile.TurnstileProperties;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.mockito.ArgumentCaptor;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The practice page without a browser: real components and session, our services stubbed. Background work
 * runs on the test thread; what it hands to {@code ui.access} runs at {@link #settle()}, as a push would.
 */
@ViewPackages(classes = MainLayout.class)
abstract class PracticePageTestBase extends BrowserlessTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final UUID SESSION = UUID.fromString("8f0e8c1e-7d1a-4a55-9d38-0c5d2b7e1f00");
    static final String AU_MOBILE = "0412 345 678";

    static final Scenario INTERVIEW = new Scenario("job-interview", "Job interview",
            "A hiring manager interviews you for the role you name.",
            List.of(
                    new ScenarioField("role", "Role", FieldType.TEXT, true, List.of(), 2, 60, null,
                            "Barista", "The job you are applying for", null, null),
                    ScenarioField.of("company", "Company", FieldType.TEXT, false),
                    new ScenarioField("experience", "Years of experience", FieldType.NUMBER, false, List.of(),
                            null, null, null, null, null, 0, 50),
                    new ScenarioField("tone", "Interviewer", FieldType.SELECT, true, List.of("friendly", "tough"),
                            null, null, null, null, null, null, null),
                    new ScenarioField("notes", "Anything else", FieldType.TEXTAREA, false, List.of(), null, 600,
                            null, null, null, null, null),
                    ScenarioField.of("warmup", "Start with small talk", FieldType.BOOLEAN, false)),
            List.of("alloy", "marin"), "alloy");
    static final Scenario LANGUAGE = new Scenario("language-practice", "Language practice",
            "Chat in the language you are learning.",
            List.of(new ScenarioField("language", "Language", FieldType.SELECT, true, List.of("Spanish", "French"),
                    null, null, null, null, null, null, null)),
            List.of("shimmer"), "shimmer");

    final ScenarioService scenarios = mock(ScenarioService.class);
    final PhoneLimitService phoneLimits = mock(PhoneLimitService.class);
    final CallService calls = mock(CallService.class);
    final BrowserPractice browser = mock(BrowserPractice.class);
    final ReportService reports = mock(ReportService.class);
    final ManualTicker ticker = new ManualTicker();
    final MutableClock clock = new MutableClock(NOW);
    final AtomicBoolean unsubscribed = new AtomicBoolean();

    @BeforeEach
    void services() {
        when(scenarios.scenarios()).thenReturn(List.of(INTERVIEW, LANGUAGE));
        numberHas(2);
        when(calls.availability()).thenReturn(new CallAvailability(true, false, Set.of("US", "AU", "IN")));
        networkFree();
    }

    void numberHas(int callsLeft) {
        when(phoneLimits.check(anyString(), anyString())).thenReturn(new LimitLookup.Known(
                new PhoneAllowance(2, callsLeft, callsLeft > 0 ? null : NOW.plus(Duration.ofSeconds(754)),
                        Duration.ofHours(1))));
    }

    void networkFree() {
        when(calls.networkAllowance(anyString())).thenReturn(new NetworkAllowance(10, Duration.ofMinutes(15), null));
    }

    /** Runs what background work queued for the UI, then a client round trip. */
    static void settle() {
        VaadinSession session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
    }

    /** Time passes: the clock moves and the page's one-second tick and throttle run. */
    void pass(Duration duration) {
        clock.advance(duration);
        ticker.tick();
        ticker.runDelayed();
        settle();
    }

    /** An event from the backend, pushed to the page once the throttle fires. */
    void deliver(ArgumentCaptor<SessionListener> listener, ChannelEvent event) {
        listener.getValue().onEvent(event);
        ticker.runDelayed();
        settle();
    }

    ArgumentCaptor<SessionListener> placeSucceeds(boolean simulated) {
        ArgumentCaptor<SessionListener> listener = ArgumentCaptor.forClass(SessionListener.class);
        Subscription subscription = () -> unsubscribed.set(true);
        when(calls.place(any(), anyString(), listener.capture()))
                .thenReturn(new Placement.Placed(SESSION, "CA1", simulated, subscription));
        return listener;
    }

    PracticeView open() {
        TurnstileVerifier turnstileOff = new TurnstileVerifier(new TurnstileProperties(false, "", "",
                URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1)),
                HttpClient.newHttpClient());
        ClientIpResolver ips = new ClientIpResolver(new IpLimitProperties(10, Duration.ofMinutes(15), "", 1000));
        PracticeView view = new PracticeView(scenarios, phoneLimits, calls, browser, turnstileOff, ips, reports,
                new UiTasks(Runnable::run, ticker), clock);
        UI.getCurrent().add(view);
        settle();
        return view;
    }

    PracticeView readyToCall() {
        PracticeView view = open();
        fillInterview(view);
        view.phone.country.setValue("AU");
        view.phone.number.setValue(AU_MOBILE);
        view.callStep.consent.setValue(true);
        settle();
        return view;
    }

    /** Ready, Call clicked, and the call placed. */
    PracticeView inCall(ArgumentCaptor<SessionListener> listener) {
        PracticeView view = readyToCall();
        test(view.callStep.call).click();
        settle();
        assertThat(view.live.isVisible()).isTrue();
        return view;
    }

    @SuppressWarnings("unchecked")
    static void fillInterview(PracticeView view) {
        ((TextField) input(view, "role")).setValue("Barista");
        ((Select<String>) input(view, "tone")).setValue("tough");
    }

    static Component input(PracticeView view, String key) {
        return view.scenarioStep.form().input(key);
    }

    static void assertBlocked(PracticeView view, String reason) {
        assertThat(view.callStep.call.isEnabled()).isFalse();
        assertThat(view.callStep.blockedReason.isVisible()).isTrue();
        assertThat(view.callStep.blockedReason.getText()).isEqualTo(reason);
    }

    static CallStatusChanged status(CallStatus status) {
        return new CallStatusChanged(SESSION, status, NOW, null);
    }

    static TranscriptEvent line(Speaker speaker, String text, boolean isFinal, String itemId) {
        return new TranscriptEvent(SESSION, speaker, text, isFinal, itemId, NOW);
    }
}
