package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.TranscriptEvent;
import dev.callcoach.webapp.base.Durations;

import java.time.Duration;
import java.time.Instant;

/** The call as it happens: where it stands, how long it has lasted, what was said, and the way out. */
class LiveCallPanel extends Section {

    final Span simulatedBadge = new Span("Simulated call: no real phone rings");
    final Paragraph headline = new Paragraph();
    final StatusTimeline timeline = new StatusTimeline();
    final Span timer = new Span("0:00");
    final TranscriptView transcript = new TranscriptView();
    final Button endCall = new Button("End call");
    final Button practiceAgain = new Button("Practice again");

    private Instant answeredAt;
    private Instant endedAt;

    LiveCallPanel(Runnable onEndCall, Runnable onPracticeAgain) {
        setId("live-call");
        addClassName("cc-live");
        H2 title = new H2("Your call");
        simulatedBadge.addClassName("cc-badge");
        simulatedBadge.getElement().setAttribute("theme", "badge contrast");
        Div heading = new Div(title, simulatedBadge);
        heading.addClassName("cc-live-heading");

        headline.setId("call-headline");
        headline.addClassName("cc-headline");
        headline.getElement().setAttribute("aria-live", "polite");
        timer.addClassName("cc-timer");
        timer.getElement().setAttribute("aria-label", "Call duration");
        timer.getElement().setAttribute("role", "timer");

        endCall.setId("end-call");
        practiceAgain.setId("practice-again");
        simulatedBadge.setId("simulated-badge");
        timer.setId("call-timer");
        endCall.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        endCall.addClickListener(click -> {
            endCall.setEnabled(false);
            onEndCall.run();
        });
        practiceAgain.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        practiceAgain.addClickListener(click -> onPracticeAgain.run());
        Div actions = new Div(endCall, practiceAgain);
        actions.addClassName("cc-actions");

        Div status = new Div(headline, timer);
        status.addClassName("cc-live-status");
        add(heading, timeline, status, transcript, actions);
    }

    /** Starts showing a freshly placed call. */
    void start(boolean simulated) {
        answeredAt = null;
        endedAt = null;
        simulatedBadge.setVisible(simulated);
        timeline.reset();
        transcript.clear();
        timer.setText("0:00");
        endCall.setEnabled(true);
        endCall.setVisible(true);
        practiceAgain.setVisible(false);
        headline.setText(describe(CallStatus.QUEUED));
    }

    /** Applies one event from the session; {@code receivedAt} is when it reached this server. */
    void apply(ChannelEvent event, Instant receivedAt) {
        switch (event) {
            case CallStatusChanged change -> applyStatus(change.status(), receivedAt);
            case TranscriptEvent line -> transcript.show(line);
        }
    }

    /** Moves the call to a status known without an event (e.g. the call could not be ended). */
    void applyStatus(CallStatus status, Instant at) {
        if (!timeline.advance(status)) {
            return;
        }
        if (status == CallStatus.IN_PROGRESS) {
            answeredAt = at;
        }
        if (status.isTerminal()) {
            endedAt = at;
            endCall.setVisible(false);
            practiceAgain.setVisible(true);
            practiceAgain.focus();
        }
        headline.setText(describe(status));
        tick(at);
    }

    /** Updates the call timer. */
    void tick(Instant now) {
        if (answeredAt != null) {
            Instant until = endedAt != null ? endedAt : now;
            timer.setText(Durations.elapsed(Duration.between(answeredAt, until)));
        }
    }

    CallStatus status() {
        return timeline.status();
    }

    /** Whether the timer is running, i.e. the call was answered and has not ended. */
    boolean timing() {
        return answeredAt != null && endedAt == null;
    }

    static String describe(CallStatus status) {
        return switch (status) {
            case RESERVED, QUEUED, INITIATED -> "Placing your call…";
            case RINGING -> "Your phone is ringing. Pick up!";
            case IN_PROGRESS -> "You're connected. Talk to the AI.";
            case COMPLETED -> "Call finished. Nice practice!";
            case BUSY -> "Your line was busy.";
            case NO_ANSWER -> "The call wasn't answered.";
            case FAILED -> "The call couldn't be connected.";
            case CANCELED -> "The call was canceled.";
            case RELEASED -> "The call wasn't placed.";
        };
    }
}
