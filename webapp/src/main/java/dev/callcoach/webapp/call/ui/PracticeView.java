package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.contracts.phone.PhoneRules;
import dev.callcoach.contracts.scenario.Scenario;
import dev.callcoach.webapp.base.Regions;
import dev.callcoach.webapp.base.UserFacingException;
import dev.callcoach.webapp.base.ui.FriendlyErrorHandler;
import dev.callcoach.webapp.base.ui.MainLayout;
import dev.callcoach.webapp.base.ui.PushThrottle;
import dev.callcoach.webapp.base.ui.Ticker;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.call.service.CallAvailability;
import dev.callcoach.webapp.call.service.CallRequest;
import dev.callcoach.webapp.call.service.CallService;
import dev.callcoach.webapp.call.service.PhoneAllowance;
import dev.callcoach.webapp.call.service.PhoneLimitService;
import dev.callcoach.webapp.call.service.Placement;
import dev.callcoach.webapp.call.service.ScenarioService;
import dev.callcoach.webapp.limit.ClientIpResolver;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The practice page: pick a scenario, enter a number, agree, and get called; then follow the call live.
 * The Call button is only enabled when a call can go ahead, and the reason is always shown when it can't.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Practice a phone call · Callcoach")
public class PracticeView extends Div {

    /** At most this many pushes a second for call events, however fast they come. */
    static final Duration PUSH_INTERVAL = Duration.ofMillis(250);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration CATALOG_RETRY = Duration.ofSeconds(5);

    final Paragraph notice = new Paragraph();
    final Select<Scenario> scenario = new Select<>();
    final Paragraph scenarioDescription = new Paragraph();
    final Paragraph catalogProblem = new Paragraph();
    final Button reloadScenarios = new Button("Try again");
    final Div scenarioFormHolder = new Div();
    final PhoneInput phone;
    final Checkbox consent = new Checkbox("This is my number and I agree to receive an AI practice call");
    final HumanCheck humanCheck;
    final Button call = new Button("Call me now");
    final Paragraph callBlockedReason = new Paragraph();
    final Paragraph refusal = new Paragraph();
    final Section formPanel = new Section();
    final LiveCallPanel live = new LiveCallPanel(this::endCall, this::practiceAgain);
    ScenarioForm form;

    private final ScenarioService scenarios;
    private final PhoneLimitService phoneLimits;
    private final CallService calls;
    private final ClientIpResolver clientIps;
    private final UiTasks tasks;
    private final Clock clock;
    private final CallAvailability availability;
    private final Allowance allowance = new Allowance();
    private final Queue<Received> events = new ConcurrentLinkedQueue<>();

    private UI ui;
    private PushThrottle throttle;
    private Ticker.Cancellable ticking;
    private String clientIp = "unknown";
    private boolean catalogLoaded;
    private boolean placing;
    private volatile boolean detached;
    private Instant retryNotBefore;
    private Placement.Placed current;

    public PracticeView(ScenarioService scenarios, PhoneLimitService phoneLimits, CallService calls,
                        TurnstileVerifier turnstile, ClientIpResolver clientIps, UiTasks tasks, Clock clock) {
        this.scenarios = scenarios;
        this.phoneLimits = phoneLimits;
        this.calls = calls;
        this.clientIps = clientIps;
        this.tasks = tasks;
        this.clock = clock;
        this.availability = calls.availability();
        addClassName("cc-practice");

        phone = new PhoneInput(new PhoneRules(), browserRegion(), check -> phoneChanged());
        humanCheck = turnstile.enabled()
                ? new HumanCheck(turnstile.siteKey(), turnstile.scriptUrl(), token -> updateCallButton())
                : null;
        buildForm();
        live.setVisible(false);
        add(new H1("Practice a phone call"), notice, formPanel, live);
        showAvailability();
        updateCallButton();
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        ui = attach.getUI();
        detached = false;
        throttle = new PushThrottle(ui, tasks.ticker(), PUSH_INTERVAL, this::flush);
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null) {
            clientIp = clientIps.resolve(request::getHeader, request.getRemoteAddr());
        }
        if (!catalogLoaded) {
            loadScenarios();
        }
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detached = true;
        stopTicking();
        if (current != null) {
            current.subscription().close();
        }
    }

    private void buildForm() {
        scenario.setId("scenario");
        scenario.setLabel("Scenario");
        scenario.setItemLabelGenerator(Scenario::name);
        scenario.setPlaceholder("Choose a scenario");
        scenario.setEnabled(false);
        scenario.addValueChangeListener(change -> showScenario(change.getValue()));
        scenarioDescription.addClassName("cc-description");
        catalogProblem.addClassName("cc-error-text");
        catalogProblem.setVisible(false);
        reloadScenarios.setVisible(false);
        reloadScenarios.addClickListener(click -> loadScenarios());

        consent.setId("consent");
        consent.addValueChangeListener(change -> updateCallButton());

        call.setId("call-button");
        // Off at once in the browser too, so a double click can't ask twice; updateCallButton turns it back on.
        call.setDisableOnClick(true);
        call.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        call.addClickListener(click -> placeCall());
        callBlockedReason.setId("call-blocked-reason");
        callBlockedReason.addClassName("cc-blocked-reason");
        callBlockedReason.getElement().setAttribute("aria-live", "polite");
        call.getElement().setAttribute("aria-describedby", callBlockedReason.getId().orElseThrow());
        refusal.setId("call-refusal");
        refusal.addClassName("cc-refusal");
        refusal.getElement().setAttribute("role", "alert");
        refusal.setVisible(false);

        Section scenarioStep = step("1. Pick a scenario", scenario, scenarioDescription, catalogProblem,
                reloadScenarios, scenarioFormHolder);
        Section phoneStep = step("2. Your phone", phone, consent);
        Section callStep = step("3. Get the call", refusal, call, callBlockedReason);
        if (humanCheck != null) {
            callStep.addComponentAtIndex(1, humanCheck);
        }
        formPanel.addClassName("cc-form");
        formPanel.add(scenarioStep, phoneStep, callStep);
    }

    private static Section step(String title, Component... content) {
        Section section = new Section(new H2(title));
        section.addClassName("cc-step");
        section.add(content);
        return section;
    }

    private void showAvailability() {
        if (!availability.configured()) {
            notice.setText("Calling isn't set up on this server yet: no Twilio account is configured. "
                    + "You can look around, but no call can be placed.");
        } else if (availability.simulated()) {
            notice.setText("Demo mode: calls go to a simulated phone network, so no real phone rings. "
                    + "A simulated caller answers and speaks a few canned lines.");
        }
        notice.setId("notice");
        notice.addClassName(availability.configured() ? "cc-notice" : "cc-notice-warning");
        notice.setVisible(!availability.configured() || availability.simulated());
    }

    private void loadScenarios() {
        if (catalogLoaded || detached) {
            return;
        }
        tasks.run(ui, scenarios::scenarios, this::showScenarios, failure -> {
            catalogProblem.setText(messageOf(failure));
            catalogProblem.setVisible(true);
            reloadScenarios.setVisible(true);
            updateCallButton();
            // The channel reconnects by itself; the page follows without anyone clicking.
            tasks.ticker().after(CATALOG_RETRY, () -> UiTasks.access(ui, this::loadScenarios));
        });
    }

    private void showScenarios(List<Scenario> catalog) {
        if (catalogLoaded) {
            return;
        }
        catalogLoaded = true;
        catalogProblem.setVisible(false);
        reloadScenarios.setVisible(false);
        scenario.setItems(catalog);
        scenario.setEnabled(!catalog.isEmpty());
        if (catalog.isEmpty()) {
            catalogProblem.setText("No practice scenarios are available on this server yet.");
            catalogProblem.setVisible(true);
        } else {
            scenario.setValue(catalog.getFirst());
        }
        updateCallButton();
    }

    private void showScenario(Scenario chosen) {
        scenarioFormHolder.removeAll();
        form = chosen == null ? null : new ScenarioForm(chosen, this::updateCallButton);
        scenarioDescription.setText(chosen == null ? "" : chosen.description());
        if (form != null) {
            scenarioFormHolder.add(form);
        }
        updateCallButton();
    }

    private void phoneChanged() {
        refusal.setVisible(false);
        if (phone.check() instanceof PhoneCheck.Valid valid) {
            checkAllowance(valid.e164());
        } else {
            allowance.forget();
            phone.showAllowance(null, false);
        }
        updateCallButton();
    }

    private void checkAllowance(String e164) {
        allowance.loading(e164);
        if (allowance.known() == null) {
            // Another number than the one shown: its line would be wrong while the answer is on its way.
            phone.showAllowance(null, false);
        }
        tasks.run(ui, () -> phoneLimits.check(e164), known -> {
            if (allowance.answer(e164, known)) {
                showAllowance();
            }
        }, failure -> {
            if (allowance.failed(e164)) {
                // The backend checks the limit again when the call is reserved; don't block on this.
                phone.showAllowance("Couldn't check how many calls this number has left.", false);
                updateCallButton();
            }
        });
    }

    private void showAllowance() {
        Instant now = clock.instant();
        PhoneAllowance known = allowance.known();
        if (known != null) {
            phone.showAllowance(Allowance.describe(known, now), !known.allowsCall(now));
            ensureTicking();
        }
        updateCallButton();
    }

    private void updateCallButton() {
        Optional<String> reason = blockedReason(clock.instant());
        call.setEnabled(reason.isEmpty());
        call.setText(placing ? "Calling…" : "Call me now");
        callBlockedReason.setText(reason.orElse(""));
        callBlockedReason.setVisible(reason.isPresent());
    }

    /** Why a call can't be placed now, in the order a person would fix things; empty when it can. */
    Optional<String> blockedReason(Instant now) {
        if (!availability.configured()) {
            return Optional.of("Calling isn't set up on this server yet.");
        }
        if (placing) {
            return Optional.of("Placing your call…");
        }
        if (!catalogLoaded) {
            return Optional.of(catalogProblem.isVisible() ? "The scenarios couldn't be loaded." : "Loading scenarios…");
        }
        if (form == null) {
            return Optional.of(catalogProblem.isVisible() ? catalogProblem.getText() : "Pick a scenario.");
        }
        if (!form.errors().isEmpty()) {
            return Optional.of("Fill in the scenario details: " + form.errors().getFirst().message());
        }
        if (!(phone.check() instanceof PhoneCheck.Valid valid)) {
            return Optional.of(phone.number.isEmpty() ? "Enter your phone number." : "Check your phone number.");
        }
        if (!availability.canCall(valid.region())) {
            return Optional.of("Calls to " + Regions.name(valid.region()) + " aren't available on this server.");
        }
        if (allowance.isLoading()) {
            return Optional.of("Checking how many calls this number has left…");
        }
        PhoneAllowance known = allowance.known();
        if (known != null && !known.allowsCall(now)) {
            return Optional.of("This number has no calls left right now. Next call possible in "
                    + Allowance.countdown(known.nextAllowedAt(), now) + ".");
        }
        if (retryNotBefore != null && now.isBefore(retryNotBefore)) {
            return Optional.of("You can call again in " + Allowance.countdown(retryNotBefore, now) + ".");
        }
        if (!consent.getValue()) {
            return Optional.of("Tick the box to confirm this is your number.");
        }
        if (humanCheck != null && humanCheck.token() == null) {
            return Optional.of("Complete the human check.");
        }
        return Optional.empty();
    }

    private void placeCall() {
        if (blockedReason(clock.instant()).isPresent() || !(phone.check() instanceof PhoneCheck.Valid valid)) {
            updateCallButton();
            return;
        }
        CallRequest request = new CallRequest(valid.e164(), valid.region(), form.scenario().id(), form.values(),
                form.voice.getValue(), humanCheck == null ? null : humanCheck.token());
        placing = true;
        refusal.setVisible(false);
        events.clear();
        updateCallButton();
        tasks.run(ui, () -> {
            Placement placement = calls.place(request, clientIp, this::received);
            if (detached && placement instanceof Placement.Placed placed) {
                placed.subscription().close();
            }
            return placement;
        }, this::placed, failure -> {
            placing = false;
            showRefusal(messageOf(failure));
            updateCallButton();
        });
    }

    /** From the channel's thread: queue, and let the throttle push. */
    private void received(ChannelEvent event) {
        events.add(new Received(event, clock.instant()));
        PushThrottle pusher = throttle;
        if (pusher != null) {
            pusher.request();
        }
    }

    private void placed(Placement placement) {
        placing = false;
        if (humanCheck != null) {
            humanCheck.reset();
        }
        switch (placement) {
            case Placement.Placed placed -> {
                current = placed;
                formPanel.setVisible(false);
                live.setVisible(true);
                live.start(placed.simulated());
                flush();
            }
            case Placement.Refused refused -> {
                showRefusal(refused.message());
                if (!refused.retryAfter().isZero()) {
                    retryNotBefore = clock.instant().plus(refused.retryAfter());
                    ensureTicking();
                }
                if (phone.check() instanceof PhoneCheck.Valid valid) {
                    checkAllowance(valid.e164());
                }
            }
        }
        updateCallButton();
    }

    private void showRefusal(String message) {
        refusal.setText(message);
        refusal.setVisible(true);
    }

    /** Applies queued call events and moves the clocks; runs under the session lock, a few times a second. */
    private void flush() {
        Instant now = clock.instant();
        if (current != null) {
            boolean any = false;
            for (Received received = events.poll(); received != null; received = events.poll()) {
                if (received.event().sessionId().equals(current.sessionId())) {
                    live.apply(received.event(), received.at());
                    any = true;
                }
            }
            if (any) {
                live.transcript.scrollToEnd();
            }
            live.tick(now);
        }
        PhoneAllowance known = allowance.known();
        if (known != null && known.callsLeft() == 0 && known.allowsCall(now)
                && phone.check() instanceof PhoneCheck.Valid valid) {
            checkAllowance(valid.e164());
        } else if (known != null) {
            phone.showAllowance(Allowance.describe(known, now), !known.allowsCall(now));
        }
        updateCallButton();
        boolean counting = live.timing() || allowance.counting(now)
                || (retryNotBefore != null && now.isBefore(retryNotBefore));
        if (counting) {
            ensureTicking();
        } else {
            stopTicking();
        }
    }

    private void endCall() {
        Placement.Placed call = current;
        boolean answered = live.status() == CallStatus.IN_PROGRESS;
        tasks.run(ui, () -> {
            calls.end(call.sessionId(), call.callSid(), answered);
            return call;
        }, ended -> { }, failure -> {
            live.endCall.setEnabled(true);
            FriendlyErrorHandler.show(messageOf(failure));
        });
    }

    private void practiceAgain() {
        if (current != null) {
            current.subscription().close();
            current = null;
        }
        events.clear();
        live.setVisible(false);
        formPanel.setVisible(true);
        refusal.setVisible(false);
        if (phone.check() instanceof PhoneCheck.Valid valid) {
            checkAllowance(valid.e164());
        }
        updateCallButton();
        call.focus();
    }

    private void ensureTicking() {
        if (ticking == null && throttle != null) {
            ticking = tasks.ticker().every(TICK, throttle::request);
        }
    }

    private void stopTicking() {
        if (ticking != null) {
            ticking.cancel();
            ticking = null;
        }
    }

    /** User-facing failures say what happened; anything else goes to the central error handler. */
    private static String messageOf(RuntimeException failure) {
        if (failure instanceof UserFacingException) {
            return failure.getMessage();
        }
        throw failure;
    }

    private static String browserRegion() {
        UI current = UI.getCurrent();
        return current == null ? "US" : current.getLocale().getCountry();
    }

    private record Received(ChannelEvent event, Instant at) {
    }
}
