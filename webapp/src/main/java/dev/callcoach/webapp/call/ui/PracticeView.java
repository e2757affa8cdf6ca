package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.contracts.phone.PhoneRules;
import dev.callcoach.webapp.base.UserFacingException;
import dev.callcoach.webapp.base.ui.FriendlyErrorHandler;
import dev.callcoach.webapp.base.ui.MainLayout;
import dev.callcoach.webapp.base.ui.PushThrottle;
import dev.callcoach.webapp.base.ui.Ticker;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.call.service.CallService;
import dev.callcoach.webapp.call.service.PhoneLimitService;
import dev.callcoach.webapp.call.service.Placement;
import dev.callcoach.webapp.call.service.ScenarioService;
import dev.callcoach.webapp.limit.ClientIpResolver;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The practice page: pick a scenario, enter a number, agree, and get called; then follow the call live. It
 * wires its parts together and moves the page between form and call; the rules for when a call may be
 * placed are {@link CallReadiness}, and each part draws itself.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Practice a phone call · Callcoach")
public class PracticeView extends Div {

    /** At most this many pushes a second for call events, however fast they come. */
    static final Duration PUSH_INTERVAL = Duration.ofMillis(250);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration CATALOG_RETRY = Duration.ofSeconds(5);

    final Notices notices;
    final ScenarioStep scenarioStep = new ScenarioStep(this::updateCallButton);
    final PhoneInput phone;
    final LimitsPanel limits;
    final HumanCheck humanCheck;
    final CallStep callStep;
    final Section formPanel = new Section();
    final LiveCallPanel live = new LiveCallPanel(this::endCall, this::practiceAgain);

    private final ScenarioService scenarios;
    private final CallService calls;
    private final ClientIpResolver clientIps;
    private final UiTasks tasks;
    private final Clock clock;
    private final LiveFeed feed;
    private final PlacementFlow placement;

    private UI ui;
    private PushThrottle throttle;
    private Ticker.Cancellable ticking;
    private String clientIp = "unknown";
    private volatile boolean detached;

    public PracticeView(ScenarioService scenarios, PhoneLimitService phoneLimits, CallService calls,
                        TurnstileVerifier turnstile, ClientIpResolver clientIps, UiTasks tasks, Clock clock) {
        this.scenarios = scenarios;
        this.calls = calls;
        this.clientIps = clientIps;
        this.tasks = tasks;
        this.clock = clock;
        addClassName("cc-practice");
        notices = new Notices(calls.availability());
        phone = new PhoneInput(new PhoneRules(), browserRegion(), check -> phoneChanged());
        limits = new LimitsPanel(phoneLimits, tasks, clock, this::updateCallButton);
        humanCheck = turnstile.enabled()
                ? new HumanCheck(turnstile.siteKey(), turnstile.scriptUrl(), token -> updateCallButton())
                : null;
        feed = new LiveFeed(clock, this::requestPush);
        placement = new PlacementFlow(this, calls, feed);
        callStep = new CallStep(humanCheck, this::updateCallButton, placement::place);
        Section phoneStep = new Section(new H2("2. Your phone"), phone, limits);
        phoneStep.addClassName("cc-step");
        formPanel.addClassName("cc-form");
        formPanel.add(scenarioStep, phoneStep, callStep);
        live.setVisible(false);
        add(new H1("Practice a phone call"), notices, formPanel, live);
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
        limits.network(calls.networkAllowance(clientIp));
        loadScenarios();
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detached = true;
        stopTicking();
        placement.close();
    }

    UI ui() {
        return ui;
    }

    UiTasks tasks() {
        return tasks;
    }

    Clock clock() {
        return clock;
    }

    String clientIp() {
        return clientIp;
    }

    boolean detached() {
        return detached;
    }

    private void loadScenarios() {
        if (scenarioStep.loaded() || detached) {
            return;
        }
        tasks.run(ui, scenarios::scenarios, catalog -> {
            notices.serviceReachable();
            if (!scenarioStep.loaded()) {
                scenarioStep.catalog(catalog);
            }
        }, failure -> {
            notices.serviceUnreachable(messageOf(failure));
            scenarioStep.catalogFailed();
            // The channel reconnects by itself; the page follows without anyone clicking.
            tasks.ticker().after(CATALOG_RETRY, () -> UiTasks.access(ui, this::loadScenarios));
        });
    }

    private void phoneChanged() {
        callStep.refuse(null);
        if (phone.check() instanceof PhoneCheck.Valid valid) {
            limits.lookup(ui, valid.e164(), clientIp);
        } else {
            limits.forgetNumber();
        }
        updateCallButton();
    }

    /** Asks the number's allowance again, e.g. after a call or a refusal. */
    void recheckLimits() {
        limits.network(calls.networkAllowance(clientIp));
        if (phone.check() instanceof PhoneCheck.Valid valid) {
            limits.lookup(ui, valid.e164(), clientIp);
        }
    }

    void updateCallButton() {
        Instant now = clock.instant();
        callStep.show(CallReadiness.blockedReason(ReadinessFacts.of(this, placement, now), now), placement.placing());
        if (limits.counting(now) || placement.waiting(now)) {
            ensureTicking();
        }
    }

    void showLive(boolean simulated, String scenario, String voice) {
        formPanel.setVisible(false);
        live.setVisible(true);
        live.start(simulated, scenario, voice);
        flush();
    }

    /** Applies what the call's feed brought and moves the clocks; under the session lock, a few times a second. */
    private void flush() {
        Instant now = clock.instant();
        boolean any = false;
        for (LiveFeed.Item item = feed.poll(); item != null; item = feed.poll()) {
            live.apply(item);
            any = true;
        }
        if (any) {
            live.transcript.scrollToEnd();
        }
        live.tick(now);
        if (limits.stale(now)) {
            recheckLimits();
        }
        limits.refresh(now);
        updateCallButton();
        if (live.timing()) {
            ensureTicking();
        } else if (!limits.counting(now) && !placement.waiting(now)) {
            stopTicking();
        }
    }

    private void endCall() {
        live.ending(clock.instant());
        placement.end(failure -> {
            live.endFailed();
            FriendlyErrorHandler.show(messageOf(failure));
        });
    }

    private void practiceAgain() {
        placement.close();
        live.setVisible(false);
        formPanel.setVisible(true);
        callStep.refuse(null);
        recheckLimits();
        updateCallButton();
        callStep.call.focus();
    }

    private void requestPush() {
        PushThrottle pusher = throttle;
        if (pusher != null) {
            pusher.request();
        }
    }

    void ensureTicking() {
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
    static String messageOf(RuntimeException failure) {
        if (failure instanceof UserFacingException) {
            return failure.getMessage();
        }
        throw failure;
    }

    private static String browserRegion() {
        UI current = UI.getCurrent();
        return current == null ? "US" : current.getLocale().getCountry();
    }
}
