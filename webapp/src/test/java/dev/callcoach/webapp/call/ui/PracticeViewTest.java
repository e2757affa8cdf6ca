package dev.callcoach.webapp.call.ui;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptEvent;
import dev.callcoach.contracts.scenario.FieldType;
import dev.callcoach.contracts.scenario.Scenario;
import dev.callcoach.contracts.scenario.ScenarioField;
import dev.callcoach.webapp.base.UserFacingException;
import dev.callcoach.webapp.base.ui.MainLayout;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.call.service.CallAvailability;
import dev.callcoach.webapp.call.service.CallRequest;
import dev.callcoach.webapp.call.service.CallService;
import dev.callcoach.webapp.call.service.PhoneAllowance;
import dev.callcoach.webapp.call.service.PhoneLimitService;
import dev.callcoach.webapp.call.service.Placement;
import dev.callcoach.webapp.call.service.ScenarioService;
import dev.callcoach.webapp.channel.Subscription;
import dev.callcoach.webapp.limit.ClientIpResolver;
import dev.callcoach.webapp.limit.IpLimitProperties;
import dev.callcoach.webapp.testing.ManualTicker;
import dev.callcoach.webapp.testing.MutableClock;
import dev.callcoach.webapp.turnstile.TurnstileProperties;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The practice page without a browser: real components and session, our services stubbed. Background work
 * runs on the test thread; what it hands to {@code ui.access} runs at {@link #settle()}, as a push would.
 */
@ViewPackages(classes = MainLayout.class)
class PracticeViewTest extends BrowserlessTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID SESSION = UUID.fromString("8f0e8c1e-7d1a-4a55-9d38-0c5d2b7e1f00");
    private static final String AU_MOBILE = "0412 345 678";

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
                    ScenarioField.of("notes", "Anything else", FieldType.TEXTAREA, false),
                    ScenarioField.of("warmup", "Start with small talk", FieldType.BOOLEAN, false)),
            List.of("alloy", "verse"), "alloy");
    static final Scenario LANGUAGE = new Scenario("language-practice", "Language practice",
            "Chat in the language you are learning.",
            List.of(new ScenarioField("language", "Language", FieldType.SELECT, true, List.of("Spanish", "French"),
                    null, null, null, null, null, null, null)),
            List.of("shimmer"), "shimmer");

    private final ScenarioService scenarios = mock(ScenarioService.class);
    private final PhoneLimitService phoneLimits = mock(PhoneLimitService.class);
    private final CallService calls = mock(CallService.class);
    private final ManualTicker ticker = new ManualTicker();
    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicBoolean unsubscribed = new AtomicBoolean();

    @BeforeEach
    void services() {
        when(scenarios.scenarios()).thenReturn(List.of(INTERVIEW, LANGUAGE));
        when(phoneLimits.check(anyString())).thenReturn(new PhoneAllowance(2, 2, null, Duration.ofHours(1)));
        when(calls.availability()).thenReturn(new CallAvailability(true, false, Set.of("US", "AU", "IN")));
    }

    @Test
    void theScenarioFormIsBuiltFromTheSchema() {
        PracticeView view = open();

        assertThat(view.scenario.getListDataView().getItems()).containsExactly(INTERVIEW, LANGUAGE);
        assertThat(view.scenario.getValue()).isEqualTo(INTERVIEW);
        assertThat(view.scenarioDescription.getText()).isEqualTo(INTERVIEW.description());
        TextField role = (TextField) input(view, "role");
        assertThat(role.getLabel()).isEqualTo("Role");
        assertThat(role.isRequiredIndicatorVisible()).isTrue();
        assertThat(role.getPlaceholder()).isEqualTo("Barista");
        assertThat(role.getHelperText()).isEqualTo("The job you are applying for");
        assertThat(role.getMaxLength()).isEqualTo(60);
        assertThat(input(view, "company")).isInstanceOf(TextField.class);
        assertThat(input(view, "experience")).isInstanceOf(TextField.class);
        assertThat(input(view, "notes")).isInstanceOf(TextArea.class);
        assertThat(input(view, "warmup")).isInstanceOf(Checkbox.class);
        @SuppressWarnings("unchecked")
        Select<String> tone = (Select<String>) input(view, "tone");
        assertThat(tone.getListDataView().getItems()).containsExactly("friendly", "tough");
        assertThat(view.form.voice.getListDataView().getItems()).containsExactly("alloy", "verse");
        assertThat(view.form.voice.getValue()).isEqualTo("alloy");
    }

    @Test
    void choosingAnotherScenarioBuildsItsForm() {
        PracticeView view = open();

        view.scenario.setValue(LANGUAGE);

        assertThat(view.form.scenario()).isEqualTo(LANGUAGE);
        assertThat(input(view, "language")).isInstanceOf(Select.class);
        assertThat(input(view, "role")).isNull();
        assertThat(view.form.voice.getValue()).isEqualTo("shimmer");
    }

    @Test
    void fieldsShowTheSharedValidationMessagesOnceTouched() {
        PracticeView view = open();
        TextField role = (TextField) input(view, "role");
        TextField experience = (TextField) input(view, "experience");
        assertThat(role.isInvalid()).as("untouched fields stay calm").isFalse();

        role.setValue("A");
        experience.setValue("lots");

        assertThat(role.isInvalid()).isTrue();
        assertThat(role.getErrorMessage()).isEqualTo("Role must be at least 2 characters.");
        assertThat(experience.getErrorMessage()).isEqualTo("Years of experience must be a whole number.");

        experience.setValue("51");
        assertThat(experience.getErrorMessage()).isEqualTo("Years of experience must be at most 50.");

        role.setValue("Barista");
        experience.setValue("3");
        assertThat(role.isInvalid()).isFalse();
        assertThat(experience.isInvalid()).isFalse();
    }

    @Test
    void theNumberIsCheckedAsItIsTyped() {
        PracticeView view = open();
        view.phone.country.setValue("AU");

        view.phone.number.setValue("0412");
        assertThat(view.phone.number.isInvalid()).isTrue();
        assertThat(view.phone.number.getErrorMessage()).isNotBlank();

        view.phone.number.setValue("1900 123 456");
        assertThat(view.phone.number.getErrorMessage()).startsWith("Premium-rate numbers can't be called.");

        view.phone.number.setValue(AU_MOBILE);
        settle();
        assertThat(view.phone.number.isInvalid()).isFalse();
        assertThat(view.phone.number.getHelperText()).isEqualTo("Mobile number in Australia");
        verify(phoneLimits).check("+61412345678");
        assertThat(view.phone.allowance.getText())
                .isEqualTo("2 of 2 calls left for this number (the limit is 2 per hour).");
    }

    @Test
    void theCallButtonSaysWhyItIsOffUntilEverythingIsInPlace() {
        PracticeView view = open();
        assertBlocked(view, "Fill in the scenario details: Role is required.");

        fillInterview(view);
        assertBlocked(view, "Enter your phone number.");

        view.phone.country.setValue("AU");
        view.phone.number.setValue("12");
        assertBlocked(view, "Check your phone number.");

        view.phone.number.setValue(AU_MOBILE);
        settle();
        assertBlocked(view, "Tick the box to confirm this is your number.");

        view.consent.setValue(true);
        assertThat(view.call.isEnabled()).isTrue();
        assertThat(view.callBlockedReason.isVisible()).isFalse();
    }

    @Test
    void aNumberWithoutCallsLeftShowsTheCountdown() {
        when(phoneLimits.check(anyString()))
                .thenReturn(new PhoneAllowance(2, 0, NOW.plus(Duration.ofSeconds(754)), Duration.ofHours(1)));
        PracticeView view = readyToCall();

        assertThat(view.phone.allowance.getText())
                .isEqualTo("No calls left for this number right now. Next call possible in 12:34.");
        assertBlocked(view, "This number has no calls left right now. Next call possible in 12:34.");

        clock.advance(Duration.ofSeconds(4));
        ticker.tick();
        ticker.runDelayed();
        settle();
        assertThat(view.phone.allowance.getText()).endsWith("in 12:30.");
    }

    @Test
    void withoutTwilioThePageSaysSoBeforeAnyoneClicks() {
        when(calls.availability()).thenReturn(new CallAvailability(false, false, Set.of()));

        PracticeView view = readyToCall();

        assertThat(view.notice.isVisible()).isTrue();
        assertThat(view.notice.getText()).startsWith("Calling isn't set up on this server yet");
        assertBlocked(view, "Calling isn't set up on this server yet.");
    }

    @Test
    void aRegionWithoutCallerNumberIsNamed() {
        when(calls.availability()).thenReturn(new CallAvailability(true, false, Set.of("US")));

        assertBlocked(readyToCall(), "Calls to Australia aren't available on this server.");
    }

    @Test
    void whenTheBackendIsAwayTheScenariosCanBeFetchedAgain() {
        when(scenarios.scenarios())
                .thenThrow(new UserFacingException("The call service isn't reachable right now."))
                .thenReturn(List.of(INTERVIEW));
        PracticeView view = open();

        assertThat(view.catalogProblem.getText()).isEqualTo("The call service isn't reachable right now.");
        assertBlocked(view, "The scenarios couldn't be loaded.");

        test(view.reloadScenarios).click();
        settle();

        assertThat(view.catalogProblem.isVisible()).isFalse();
        assertThat(view.form.scenario()).isEqualTo(INTERVIEW);
    }

    @Test
    void anEmptyCatalogIsSaidPlainly() {
        when(scenarios.scenarios()).thenReturn(List.of());

        PracticeView view = open();

        assertThat(view.scenario.isEnabled()).isFalse();
        assertBlocked(view, "No practice scenarios are available on this server yet.");
    }

    @Test
    void whenTheBackendComesBackTheScenariosAppearWithoutAClick() {
        when(scenarios.scenarios())
                .thenThrow(new UserFacingException("The call service isn't reachable right now."))
                .thenReturn(List.of(INTERVIEW));
        PracticeView view = open();
        assertThat(view.catalogProblem.isVisible()).isTrue();

        ticker.runDelayed();
        settle();

        assertThat(view.catalogProblem.isVisible()).isFalse();
        assertThat(view.form.scenario()).isEqualTo(INTERVIEW);
    }

    @Test
    void aPlacedCallIsFollowedLiveUntilPracticeAgain() {
        when(calls.availability()).thenReturn(new CallAvailability(true, true, Set.of("AU")));
        ArgumentCaptor<Consumer<ChannelEvent>> listener = placeSucceeds();
        PracticeView view = readyToCall();

        test(view.call).click();
        settle();

        ArgumentCaptor<CallRequest> request = ArgumentCaptor.forClass(CallRequest.class);
        verify(calls).place(request.capture(), anyString(), any());
        assertThat(request.getValue().phoneNumber()).isEqualTo("+61412345678");
        assertThat(request.getValue().scenarioConfig()).containsEntry("role", "Barista").containsEntry("tone", "tough");
        assertThat(view.formPanel.isVisible()).isFalse();
        assertThat(view.live.isVisible()).isTrue();
        assertThat(view.live.simulatedBadge.isVisible()).isTrue();
        assertThat(view.live.headline.getText()).isEqualTo("Placing your call…");

        Consumer<ChannelEvent> events = listener.getValue();
        events.accept(status(CallStatus.RINGING));
        events.accept(status(CallStatus.IN_PROGRESS));
        events.accept(line(Speaker.AI, "Thanks for coming", false, "ai-1"));
        events.accept(line(Speaker.AI, "Thanks for coming in today.", true, "ai-1"));
        events.accept(line(Speaker.CALLER, "Happy to be here.", true, "you-1"));
        assertThat(view.live.timeline.status()).as("nothing is pushed before the throttle fires").isEqualTo(CallStatus.QUEUED);
        assertThat(ticker.pendingDelayed()).isEqualTo(1);

        ticker.runDelayed();
        settle();

        assertThat(view.live.timeline.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(view.live.headline.getText()).isEqualTo("You're connected. Talk to the AI.");
        assertThat(view.live.transcript.lines())
                .containsExactly("AI: Thanks for coming in today.", "You: Happy to be here.");

        clock.advance(Duration.ofSeconds(42));
        ticker.tick();
        ticker.runDelayed();
        settle();
        assertThat(view.live.timer.getText()).isEqualTo("0:42");

        events.accept(status(CallStatus.RINGING));
        events.accept(status(CallStatus.COMPLETED));
        ticker.runDelayed();
        settle();
        assertThat(view.live.timeline.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(view.live.timeline.labels()).containsExactly("Queued", "Ringing", "In progress", "Completed");
        assertThat(view.live.endCall.isVisible()).isFalse();
        assertThat(view.live.practiceAgain.isVisible()).isTrue();

        test(view.live.practiceAgain).click();
        settle();
        assertThat(unsubscribed).isTrue();
        assertThat(view.live.isVisible()).isFalse();
        assertThat(view.formPanel.isVisible()).isTrue();
        assertThat(view.call.isEnabled()).isTrue();
    }

    @Test
    void anUnansweredCallEndsAsNoAnswer() {
        ArgumentCaptor<Consumer<ChannelEvent>> listener = placeSucceeds();
        PracticeView view = readyToCall();
        test(view.call).click();
        settle();

        deliver(listener, status(CallStatus.NO_ANSWER));

        assertThat(view.live.timeline.labels()).last().isEqualTo("No answer");
        assertThat(view.live.headline.getText()).isEqualTo("The call wasn't answered.");
    }

    @Test
    void endingARingingCallAsksTheServiceToCancelIt() {
        ArgumentCaptor<Consumer<ChannelEvent>> listener = placeSucceeds();
        PracticeView view = readyToCall();
        test(view.call).click();
        settle();
        deliver(listener, status(CallStatus.RINGING));

        test(view.live.endCall).click();

        verify(calls).end(SESSION, "CA1", false);
    }

    @Test
    void aRefusedCallExplainsAndCountsDown() {
        when(calls.place(any(), anyString(), any())).thenReturn(new Placement.Refused(
                "Too many calls from your network for now. You can place another in 1 min 30 s.",
                Duration.ofSeconds(90)));
        PracticeView view = readyToCall();

        test(view.call).click();
        settle();

        assertThat(view.refusal.isVisible()).isTrue();
        assertThat(view.refusal.getText()).startsWith("Too many calls from your network");
        assertBlocked(view, "You can call again in 1:30.");
        assertThat(view.live.isVisible()).isFalse();
    }

    /** Runs what background work queued for the UI, then a client round trip. */
    private static void settle() {
        VaadinSession session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
    }

    /** An event from the backend, pushed to the page once the throttle fires. */
    private void deliver(ArgumentCaptor<Consumer<ChannelEvent>> listener, ChannelEvent event) {
        listener.getValue().accept(event);
        ticker.runDelayed();
        settle();
    }

    private ArgumentCaptor<Consumer<ChannelEvent>> placeSucceeds() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<ChannelEvent>> listener = ArgumentCaptor.forClass(Consumer.class);
        Subscription subscription = () -> unsubscribed.set(true);
        when(calls.place(any(), anyString(), listener.capture()))
                .thenReturn(new Placement.Placed(SESSION, "CA1", true, subscription));
        return listener;
    }

    private PracticeView open() {
        TurnstileVerifier turnstileOff = new TurnstileVerifier(new TurnstileProperties(false, "", "",
                URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1)),
                HttpClient.newHttpClient());
        ClientIpResolver ips = new ClientIpResolver(new IpLimitProperties(10, Duration.ofMinutes(15), "", 1000));
        PracticeView view = new PracticeView(scenarios, phoneLimits, calls, turnstileOff, ips,
                new UiTasks(Runnable::run, ticker), clock);
        UI.getCurrent().add(view);
        settle();
        return view;
    }

    private PracticeView readyToCall() {
        PracticeView view = open();
        fillInterview(view);
        view.phone.country.setValue("AU");
        view.phone.number.setValue(AU_MOBILE);
        view.consent.setValue(true);
        settle();
        return view;
    }

    @SuppressWarnings("unchecked")
    private static void fillInterview(PracticeView view) {
        ((TextField) input(view, "role")).setValue("Barista");
        ((Select<String>) input(view, "tone")).setValue("tough");
    }

    private static Component input(PracticeView view, String key) {
        return view.form.input(key);
    }

    private static void assertBlocked(PracticeView view, String reason) {
        assertThat(view.call.isEnabled()).isFalse();
        assertThat(view.callBlockedReason.isVisible()).isTrue();
        assertThat(view.callBlockedReason.getText()).isEqualTo(reason);
    }

    private static CallStatusChanged status(CallStatus status) {
        return new CallStatusChanged(SESSION, status, NOW, null);
    }

    private static TranscriptEvent line(Speaker speaker, String text, boolean isFinal, String itemId) {
        return new TranscriptEvent(SESSION, speaker, text, isFinal, itemId, NOW);
    }
}
