package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.contracts.phone.PhoneRules;
import dev.callcoach.webapp.base.UserFacingException;
import dev.callcoach.webapp.base.ui.FriendlyErrorHandler;
import dev.callcoach.webapp.base.ui.MainLayout;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.call.service.BrowserPractice;
import dev.callcoach.webapp.call.service.CallService;
import dev.callcoach.webapp.call.service.PhoneLimitService;
import dev.callcoach.webapp.call.service.ScenarioService;
import dev.callcoach.webapp.limit.ClientIpResolver;
import dev.callcoach.webapp.report.ReportService;
import dev.callcoach.webapp.report.ui.ReportPanel;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;

import java.time.Clock;
import java.time.Instant;

/**
 * The practice page: pick a scenario, then enter a number and get called, or talk to the AI right here in the
 * browser; then follow the call live. It wires its parts together and moves the page between form and call;
 * the rules for when a call may start are {@link CallReadiness}, and each part draws itself.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Practice a call · Callcoach")
public class PracticeView extends Div {

    final Notices notices;
    final ScenarioStep scenarioStep;
    final PhoneInput phone;
    final MicrophonePanel microphone;
    final LimitsPanel limits;
    final ModeStep modeStep;
    final HumanCheck humanCheck;
    final CallStep callStep;
    final Section formPanel = new Section();
    final LiveCallPanel live;
    final BrowserAudio audio;

    private final CallService calls;
    private final ClientIpResolver clientIps;
    private final UiTasks tasks;
    private final Clock clock;
    private final LiveFeed feed;
    private final PlacementFlow placement;
    private final PagePush push;

    private UI ui;
    private String clientIp = "unknown";
    private volatile boolean detached;

    public PracticeView(ScenarioService scenarios, PhoneLimitService phoneLimits, CallService calls,
                        BrowserPractice browser, TurnstileVerifier turnstile, ClientIpResolver clientIps,
                        ReportService reports, UiTasks tasks, Clock clock) {
        this.calls = calls;
        this.clientIps = clientIps;
        this.tasks = tasks;
        this.clock = clock;
        addClassName("cc-practice");
        live = new LiveCallPanel(new ReportPanel(reports, tasks, false), this::endCall, this::practiceAgain,
                this::mute);
        notices = new Notices(calls.availability());
        scenarioStep = new ScenarioStep(scenarios, tasks, notices, this::updateCallButton);
        phone = new PhoneInput(new PhoneRules(), browserRegion(), check -> phoneChanged());
        microphone = new MicrophonePanel(this::updateCallButton);
        limits = new LimitsPanel(phoneLimits, tasks, clock, this::updateCallButton);
        humanCheck = turnstile.enabled()
                ? new HumanCheck(turnstile.siteKey(), turnstile.scriptUrl(), token -> updateCallButton())
                : null;
        push = new PagePush(tasks.ticker());
        feed = new LiveFeed(clock, push::request);
        placement = new PlacementFlow(this, calls, browser, feed, tasks, clock);
        callStep = new CallStep(humanCheck, this::updateCallButton, placement::place, placement::askForMicrophone);
        audio = new BrowserAudio(callStep.start, live.audio.meter, microphone, placement);
        // Without Twilio no phone can be called, but the browser needs none.
        PracticeMode initial = calls.availability().configured() ? PracticeMode.PHONE : PracticeMode.BROWSER;
        modeStep = new ModeStep(initial, phone, microphone, limits, this::modeChanged);
        formPanel.addClassName("cc-form");
        formPanel.add(scenarioStep, modeStep, callStep, callStep.bar);
        live.setVisible(false);
        add(new H1("Practice a call"), notices, formPanel, live, audio);
        modeChanged(initial);
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        ui = attach.getUI();
        detached = false;
        push.attach(ui, this::flush);
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null) {
            clientIp = clientIps.resolve(request::getHeader, request.getRemoteAddr());
        }
        limits.network(calls.networkAllowance(clientIp));
        scenarioStep.load(ui);
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detached = true;
        push.ticking(false);
        placement.close();
    }

    UI ui() {
        return ui;
    }

    String clientIp() {
        return clientIp;
    }

    boolean detached() {
        return detached;
    }

    private void modeChanged(PracticeMode mode) {
        notices.mode(mode);
        callStep.mode(mode);
        callStep.refuse(null);
        updateCallButton();
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
            push.ticking(true);
        }
    }

    void showLive(PracticeMode mode, boolean simulated, String scenario, String voice) {
        formPanel.setVisible(false);
        live.setVisible(true);
        live.start(mode, simulated, scenario, voice);
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
        push.ticking(live.timing() || limits.counting(now) || placement.waiting(now));
    }

    private void endCall() {
        live.ending(clock.instant());
        placement.end(failure -> {
            live.endFailed();
            FriendlyErrorHandler.show(messageOf(failure));
        });
    }

    private void mute(boolean muted) {
        audio.mute(muted);
    }

    private void practiceAgain() {
        placement.close();
        live.setVisible(false);
        formPanel.setVisible(true);
        callStep.refuse(null);
        recheckLimits();
        updateCallButton();
        callStep.button().focus();
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
