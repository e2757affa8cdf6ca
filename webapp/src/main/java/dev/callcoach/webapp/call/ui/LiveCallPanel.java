package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import dev.callcoach.contracts.channel.CallEnded;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ReportStatusChanged;
import dev.callcoach.contracts.channel.TranscriptEvent;
import dev.callcoach.webapp.base.Durations;
import dev.callcoach.webapp.report.ui.ReportPanel;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The call as it happens: what is being practised, where the call stands, how long it has lasted, what was
 * said, and the way out; in the browser also the microphone's level and mute. It only says what it knows: a
 * lost connection is said as such and stops the clock.
 */
class LiveCallPanel extends Section {

    final Span simulatedBadge = new Span("Simulated call: no real phone rings");
    final Paragraph summary = new Paragraph();
    final Paragraph headline = new Paragraph();
    final StatusTimeline timeline = new StatusTimeline();
    final Span timer = new Span("0:00");
    /** "Call time" and the timer; shown once the call is answered, as there is no call time before. */
    private final Div clock;
    final AudioControls audio;
    final TranscriptView transcript = new TranscriptView();
    final Button endCall = new Button("End call");
    final Button practiceAgain = new Button("Practice again");
    final ReportPanel report;

    private PracticeMode mode = PracticeMode.PHONE;
    private boolean simulated;
    private boolean endRequested;
    private Instant answeredAt;
    private Instant stoppedAt;

    LiveCallPanel(ReportPanel report, Runnable onEndCall, Runnable onPracticeAgain, Consumer<Boolean> onMute) {
        this.report = report;
        this.audio = new AudioControls(onMute);
        setId("live-call");
        addClassName("cc-live");
        simulatedBadge.setId("simulated-badge");
        simulatedBadge.addClassName("cc-badge");
        Div heading = new Div(new H2("Your call"), simulatedBadge);
        heading.addClassName("cc-live-heading");
        summary.setId("call-summary");
        summary.addClassName("cc-description");

        headline.setId("call-headline");
        headline.addClassName("cc-headline");
        headline.getElement().setAttribute("role", "status");
        headline.getElement().setAttribute("aria-live", "polite");
        Span timerLabel = new Span("Call time ");
        timerLabel.addClassName("cc-timer-label");
        timer.setId("call-timer");
        timer.addClassName("cc-timer");
        timer.getElement().setAttribute("aria-label", "Call time in minutes and seconds");
        clock = new Div(timerLabel, timer);
        Div status = new Div(headline, clock);
        status.addClassName("cc-live-status");

        endCall.setId("end-call");
        endCall.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        endCall.addClickListener(click -> onEndCall.run());
        practiceAgain.setId("practice-again");
        practiceAgain.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        practiceAgain.addClickListener(click -> onPracticeAgain.run());
        Div actions = new Div(endCall, practiceAgain);
        actions.addClassName("cc-actions");
        add(heading, summary, timeline, status, audio, transcript, report, actions);
    }

    /** Starts showing a freshly placed call, or one starting in the browser. */
    void start(PracticeMode mode, boolean simulated, String scenario, String voice) {
        this.mode = mode;
        this.simulated = simulated;
        endRequested = false;
        answeredAt = null;
        stoppedAt = null;
        simulatedBadge.setVisible(simulated && mode == PracticeMode.PHONE);
        audio.setVisible(mode == PracticeMode.BROWSER);
        audio.reset();
        summary.setText(scenario + " · AI voice: " + voice);
        timeline.reset(mode);
        transcript.clear();
        report.reset();
        report.title(scenario);
        timer.setText("0:00");
        clock.setVisible(false);
        endCall.setText("End call");
        endCall.setEnabled(true);
        endCall.setVisible(true);
        practiceAgain.setVisible(false);
        headline.setText(progress(CallStatus.QUEUED));
        endCall.focus();
    }

    /** Applies one event from the session; {@code at} is when it reached this server. */
    void apply(LiveFeed.Item item) {
        switch (item) {
            case LiveFeed.Event(CallStatusChanged change, Instant at) -> status(change, at);
            case LiveFeed.Event(TranscriptEvent line, Instant at) -> transcript.show(line);
            case LiveFeed.Event(ReportStatusChanged change, Instant at) -> report.status(change);
            case LiveFeed.Event(CallEnded ended, Instant at) -> end(timeline.status(), CallEnding.of(ended.reason()), true,
                    ended.counted(), at);
            case LiveFeed.ConnectionLost(Instant at) -> {
                if (timeline.ending() == null) {
                    end(timeline.status(), CallEnding.CONNECTION_LOST, false, true, at);
                }
            }
        }
    }

    /** Twilio's answer to placing the call was lost: it may or may not ring, and the page says just that. */
    void unconfirmed() {
        headline.setText("We couldn't confirm that the call was placed. If your phone rings, pick up.");
    }

    /** End call was pressed: say so at once and stop the clock, before the backend confirms. */
    void ending(Instant at) {
        endRequested = true;
        stoppedAt = at;
        tick(at);
        endCall.setEnabled(false);
        endCall.setText("Ending…");
        headline.setText("Ending the call…");
    }

    /** Ending the call failed: it may still be going on. */
    void endFailed() {
        endRequested = false;
        stoppedAt = null;
        endCall.setText("End call");
        endCall.setEnabled(true);
        headline.setText(progress(timeline.status()));
    }

    /** In the browser: the page's audio couldn't connect, so the page ends the call, and says why. */
    void noAudio(Instant at) {
        endRequested = true;
        end(timeline.status(), CallEnding.NO_AUDIO, true, true, at);
    }

    /** Updates the call timer. */
    void tick(Instant now) {
        if (answeredAt != null) {
            Instant until = stoppedAt != null ? stoppedAt : now;
            timer.setText(Durations.elapsed(Duration.between(answeredAt, until)));
        }
    }

    CallStatus status() {
        return timeline.status();
    }

    /** Whether the timer is running, i.e. the call was answered and is not over or ending. */
    boolean timing() {
        return answeredAt != null && stoppedAt == null;
    }

    private void status(CallStatusChanged change, Instant at) {
        CallStatus status = change.status();
        if (status.isTerminal()) {
            end(status, CallEnding.of(status, endRequested), false, true, at);
            return;
        }
        if (timeline.advance(status)) {
            if (status == CallStatus.IN_PROGRESS) {
                answeredAt = at;
                clock.setVisible(true);
            }
            if (!endRequested) {
                headline.setText(progress(status));
            }
            tick(at);
        }
    }

    /**
     * @param explained whether the backend said why ({@code call.ended}), rather than only Twilio's status
     * @param counted   whether the call counts against the number's calls; only the backend says it does not
     */
    private void end(CallStatus status, CallEnding how, boolean explained, boolean counted, Instant at) {
        if (!timeline.end(status, how, explained)) {
            return;
        }
        if (stoppedAt == null) {
            stoppedAt = at;
        }
        tick(at);
        // A call in the browser has no number to count toward.
        boolean countsForNumber = counted || mode == PracticeMode.BROWSER;
        headline.setText(countsForNumber ? how.headline(mode)
                : how.headline(mode) + " It doesn't count toward this number's calls.");
        transcript.ended(answeredAt != null);
        endCall.setVisible(false);
        // The microphone is off once the call is over.
        audio.setVisible(false);
        practiceAgain.setVisible(true);
        practiceAgain.focus();
    }

    private String progress(CallStatus status) {
        if (mode == PracticeMode.BROWSER) {
            return status == CallStatus.IN_PROGRESS ? "You're connected. Talk to the AI."
                    : "Connecting your microphone to the AI…";
        }
        return switch (status) {
            case RINGING -> simulated ? "The simulated phone is ringing; a simulated caller will pick up."
                    : "Your phone is ringing. Pick up!";
            case IN_PROGRESS -> simulated ? "Connected: the simulated caller is talking to the AI."
                    : "You're connected. Talk to the AI.";
            default -> "Placing your call…";
        };
    }
}
