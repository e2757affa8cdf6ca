package dev.callcoach.webapp.call.ui;

import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.call.service.BrowserPractice;
import dev.callcoach.webapp.call.service.BrowserRequest;
import dev.callcoach.webapp.call.service.CallRequest;
import dev.callcoach.webapp.call.service.CallService;
import dev.callcoach.webapp.call.service.Placement;
import dev.callcoach.webapp.channel.Subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One call from the page's side: placing it or starting it in the browser, following it, ending it, letting it
 * go. Holds what the page knows about the call in hand, so the view only moves between form and call.
 */
final class PlacementFlow implements BrowserAudio.Events {

    /** The call in hand; {@code callSid} is null in the browser, or when Twilio's answer was lost. */
    private record Current(PracticeMode mode, UUID sessionId, String callSid, Subscription subscription) {
    }

    private final PracticeView view;
    private final CallService calls;
    private final BrowserPractice browser;
    private final LiveFeed feed;
    private final UiTasks tasks;
    private final Clock clock;
    /** Start was pressed and the browser is asking for the microphone. */
    private boolean asking;
    private boolean placing;
    private Instant retryNotBefore;
    private Current current;

    PlacementFlow(PracticeView view, CallService calls, BrowserPractice browser, LiveFeed feed, UiTasks tasks,
                  Clock clock) {
        this.view = view;
        this.calls = calls;
        this.browser = browser;
        this.feed = feed;
        this.tasks = tasks;
        this.clock = clock;
    }

    boolean placing() {
        return placing;
    }

    boolean asking() {
        return asking;
    }

    /** When the service said to try again, or null. */
    Instant retryNotBefore() {
        return retryNotBefore;
    }

    boolean waiting(Instant now) {
        return retryNotBefore != null && now.isBefore(retryNotBefore);
    }

    void place() {
        ScenarioForm form = view.scenarioStep.form();
        if (blocked() || !(view.phone.check() instanceof PhoneCheck.Valid valid)) {
            view.updateCallButton();
            return;
        }
        String voice = form.voice.getValue();
        CallRequest request = new CallRequest(valid.e164(), valid.region(), form.scenario().id(), form.values(),
                voice, humanToken());
        go(PracticeMode.PHONE, () -> calls.place(request, view.clientIp(), feed), form.scenario().name(), voice);
    }

    /** Start was pressed: the browser script asks for the microphone, and says how that went. */
    void askForMicrophone() {
        asking = true;
        view.callStep.refuse(null);
        view.updateCallButton();
    }

    @Override
    public void microphoneReady() {
        // Only after Start: anything else calling in is not this page's script at work.
        if (!asking) {
            return;
        }
        asking = false;
        ScenarioForm form = view.scenarioStep.form();
        if (blocked()) {
            view.audio.close();
            view.updateCallButton();
            return;
        }
        String voice = form.voice.getValue();
        BrowserRequest request = new BrowserRequest(form.scenario().id(), form.values(), voice, humanToken());
        go(PracticeMode.BROWSER, () -> browser.start(request, view.clientIp(), feed), form.scenario().name(), voice);
    }

    @Override
    public void microphoneFailed(MicrophoneProblem problem) {
        asking = false;
        view.callStep.refuse(problem.message());
        view.updateCallButton();
    }

    @Override
    public void mediaFailed() {
        if (current == null || current.mode() != PracticeMode.BROWSER || view.live.status().isTerminal()) {
            return;
        }
        view.live.noAudio(clock.instant());
        // Frees the slot now rather than when the unused token expires.
        end(failure -> { });
    }

    /** Asks to end the call in hand; {@code onFailure} runs in the UI when that could not be done. */
    void end(Consumer<RuntimeException> onFailure) {
        Current call = current;
        if (call == null) {
            return;
        }
        boolean answered = view.live.status() == CallStatus.IN_PROGRESS;
        boolean inBrowser = call.mode() == PracticeMode.BROWSER;
        if (inBrowser) {
            // Silent at once; the backend closes the socket once it has ended the call, so the call ends as
            // ended by you rather than as a dropped connection.
            view.audio.hush();
        }
        tasks.run(view.ui(), () -> {
            calls.end(call.sessionId(), call.callSid(), answered);
            return call;
        }, ended -> { }, failure -> {
            if (inBrowser) {
                // The backend didn't get it: the socket closing ends the call all the same.
                view.audio.close();
            } else {
                onFailure.accept(failure);
            }
        });
    }

    /** Stops following the call in hand, if any, and lets its audio go. */
    void close() {
        if (current != null) {
            current.subscription().close();
            if (current.mode() == PracticeMode.BROWSER) {
                view.audio.close();
            }
            current = null;
        }
        feed.stop();
    }

    private boolean blocked() {
        Instant now = clock.instant();
        return CallReadiness.blockedReason(ReadinessFacts.of(view, this, now), now).isPresent();
    }

    private String humanToken() {
        return view.humanCheck == null ? null : view.humanCheck.token();
    }

    private void go(PracticeMode mode, Supplier<Placement> work, String scenario, String voice) {
        placing = true;
        feed.stop();
        view.callStep.refuse(null);
        view.updateCallButton();
        tasks.run(view.ui(), () -> {
            Placement placement = work.get();
            if (view.detached()) {
                letGo(placement);
            }
            return placement;
        }, placement -> placed(mode, placement, scenario, Voices.describe(voice)), failure -> {
            placing = false;
            if (mode == PracticeMode.BROWSER) {
                view.audio.close();
            }
            view.callStep.refuse(PracticeView.messageOf(failure));
            view.updateCallButton();
        });
    }

    /** A call nobody is left to follow: the page went away while it was being placed. */
    private static void letGo(Placement placement) {
        switch (placement) {
            case Placement.Placed placed -> placed.subscription().close();
            case Placement.InBrowser inBrowser -> inBrowser.subscription().close();
            case Placement.Refused refused -> { }
        }
    }

    private void placed(PracticeMode mode, Placement placement, String scenario, String voice) {
        placing = false;
        if (view.humanCheck != null) {
            view.humanCheck.reset();
        }
        switch (placement) {
            case Placement.Placed placed -> {
                current = new Current(mode, placed.sessionId(), placed.callSid(), placed.subscription());
                feed.follow(placed.sessionId());
                view.showLive(mode, placed.simulated(), scenario, voice);
                if (placed.callSid() == null) {
                    view.live.unconfirmed();
                }
            }
            case Placement.InBrowser inBrowser -> {
                current = new Current(mode, inBrowser.sessionId(), null, inBrowser.subscription());
                feed.follow(inBrowser.sessionId());
                view.showLive(mode, false, scenario, voice);
                view.audio.connect(inBrowser.mediaUrl(), inBrowser.mediaToken());
            }
            case Placement.Refused refused -> {
                if (mode == PracticeMode.BROWSER) {
                    view.audio.close();
                }
                view.callStep.refuse(refused.message());
                // The limits panel shows the number's and the network's countdowns; anything else waits here.
                boolean limitShown = refused.limit() == Placement.Limit.NETWORK || refused.limit() == Placement.Limit.NUMBER;
                if (!limitShown && !refused.retryAfter().isZero()) {
                    retryNotBefore = clock.instant().plus(refused.retryAfter());
                }
                view.recheckLimits();
            }
        }
        view.updateCallButton();
    }
}
