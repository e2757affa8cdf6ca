package dev.callcoach.webapp.call.ui;

import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.call.service.CallRequest;
import dev.callcoach.webapp.call.service.CallService;
import dev.callcoach.webapp.call.service.Placement;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One call from the page's side: placing it, following it, ending it, letting it go. Holds what the page
 * knows about the call in hand, so the view only moves between form and call.
 */
final class PlacementFlow {

    private final PracticeView view;
    private final CallService calls;
    private final LiveFeed feed;
    private final UiTasks tasks;
    private final Clock clock;
    private boolean placing;
    private Instant retryNotBefore;
    private Placement.Placed current;

    PlacementFlow(PracticeView view, CallService calls, LiveFeed feed, UiTasks tasks, Clock clock) {
        this.view = view;
        this.calls = calls;
        this.feed = feed;
        this.tasks = tasks;
        this.clock = clock;
    }

    boolean placing() {
        return placing;
    }

    /** When the service said to try again, or null. */
    Instant retryNotBefore() {
        return retryNotBefore;
    }

    boolean waiting(Instant now) {
        return retryNotBefore != null && now.isBefore(retryNotBefore);
    }

    void place() {
        Instant now = clock.instant();
        ScenarioForm form = view.scenarioStep.form();
        if (CallReadiness.blockedReason(ReadinessFacts.of(view, this, now), now).isPresent()
                || !(view.phone.check() instanceof PhoneCheck.Valid valid)) {
            view.updateCallButton();
            return;
        }
        String voice = form.voice.getValue();
        CallRequest request = new CallRequest(valid.e164(), valid.region(), form.scenario().id(), form.values(),
                voice, view.humanCheck == null ? null : view.humanCheck.token());
        placing = true;
        feed.stop();
        view.callStep.refuse(null);
        view.updateCallButton();
        tasks.run(view.ui(), () -> {
            Placement placement = calls.place(request, view.clientIp(), feed);
            if (view.detached() && placement instanceof Placement.Placed placed) {
                placed.subscription().close();
            }
            return placement;
        }, placement -> placed(placement, form.scenario().name(), Voices.describe(voice)), failure -> {
            placing = false;
            view.callStep.refuse(PracticeView.messageOf(failure));
            view.updateCallButton();
        });
    }

    /** Asks to end the call in hand; {@code onFailure} runs in the UI when that could not be done. */
    void end(Consumer<RuntimeException> onFailure) {
        Placement.Placed call = current;
        if (call == null) {
            return;
        }
        boolean answered = view.live.status() == CallStatus.IN_PROGRESS;
        tasks.run(view.ui(), () -> {
            calls.end(call.sessionId(), call.callSid(), answered);
            return call;
        }, ended -> { }, onFailure);
    }

    /** Stops following the call in hand, if any. */
    void close() {
        if (current != null) {
            current.subscription().close();
            current = null;
        }
        feed.stop();
    }

    private void placed(Placement placement, String scenario, String voice) {
        placing = false;
        if (view.humanCheck != null) {
            view.humanCheck.reset();
        }
        switch (placement) {
            case Placement.Placed placed -> {
                current = placed;
                feed.follow(placed.sessionId());
                view.showLive(placed.simulated(), scenario, voice);
                if (placed.callSid() == null) {
                    view.live.unconfirmed();
                }
            }
            case Placement.Refused refused -> {
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
