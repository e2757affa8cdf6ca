package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.html.ListItem;
import dev.callcoach.contracts.channel.CallEnded;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.EndReason;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.webapp.base.UserFacingException;
import dev.callcoach.webapp.call.service.CallAvailability;
import dev.callcoach.webapp.call.service.CallRequest;
import dev.callcoach.webapp.call.service.Placement;
import dev.callcoach.webapp.channel.SessionListener;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The call side of the practice page: following a call live, and every way it can end. */
class LiveCallViewTest extends PracticePageTestBase {

    @Test
    void aPlacedCallIsFollowedLiveUntilPracticeAgain() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);

        ArgumentCaptor<CallRequest> request = ArgumentCaptor.forClass(CallRequest.class);
        verify(calls).place(request.capture(), anyString(), any());
        assertThat(request.getValue().phoneNumber()).isEqualTo("+61412345678");
        assertThat(request.getValue().scenarioConfig()).containsEntry("role", "Barista").containsEntry("tone", "tough");
        assertThat(view.formPanel.isVisible()).isFalse();
        assertThat(view.live.simulatedBadge.isVisible()).isFalse();
        assertThat(view.live.summary.getText()).isEqualTo("Job interview · AI voice: Alloy: neutral and even");
        assertThat(view.live.headline.getText()).isEqualTo("Placing your call…");

        SessionListener events = listener.getValue();
        events.onEvent(status(CallStatus.RINGING));
        events.onEvent(status(CallStatus.IN_PROGRESS));
        events.onEvent(line(Speaker.AI, "Thanks for coming", false, "ai-1"));
        events.onEvent(line(Speaker.AI, "Thanks for coming in today.", true, "ai-1"));
        events.onEvent(line(Speaker.CALLER, "Happy to be here.", true, "you-1"));
        assertThat(view.live.timeline.status()).as("nothing is pushed before the throttle fires").isEqualTo(CallStatus.QUEUED);
        assertThat(ticker.pendingDelayed()).isEqualTo(1);

        ticker.runDelayed();
        settle();

        assertThat(view.live.timeline.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(view.live.headline.getText()).isEqualTo("You're connected. Talk to the AI.");
        assertThat(view.live.transcript.lines())
                .containsExactly("AI: Thanks for coming in today.", "You: Happy to be here.");

        pass(Duration.ofSeconds(42));
        assertThat(view.live.timer.getText()).isEqualTo("0:42");

        deliver(listener, status(CallStatus.RINGING));
        deliver(listener, status(CallStatus.COMPLETED));
        assertThat(view.live.timeline.labels()).containsExactly("Queued", "Ringing", "In progress", "Call ended");
        assertThat(view.live.headline.getText()).isEqualTo("The call has ended. Nice practice!");
        assertThat(view.live.endCall.isVisible()).isFalse();
        assertThat(view.live.practiceAgain.isVisible()).isTrue();

        test(view.live.practiceAgain).click();
        settle();
        assertThat(unsubscribed).isTrue();
        assertThat(view.live.isVisible()).isFalse();
        assertThat(view.formPanel.isVisible()).isTrue();
        assertThat(view.callStep.call.isEnabled()).isTrue();
    }

    @Test
    void defect1ALostConnectionIsSaidAndStopsTheClock() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.IN_PROGRESS));
        pass(Duration.ofSeconds(10));

        listener.getValue().onConnectionLost();
        ticker.runDelayed();
        settle();

        assertThat(view.live.headline.getText())
                .isEqualTo("Connection to the call service was lost; your call may have ended.");
        assertThat(view.live.timeline.labels()).last().isEqualTo("Connection lost");
        assertThat(view.live.endCall.isVisible()).isFalse();
        assertThat(view.live.practiceAgain.isVisible()).isTrue();
        pass(Duration.ofSeconds(30));
        assertThat(view.live.timer.getText()).as("the clock stopped").isEqualTo("0:10");
        assertThat(view.live.timing()).isFalse();
    }

    @Test
    void anEndingLearnedAfterTheConnectionCameBackReplacesTheUnknown() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.IN_PROGRESS));
        listener.getValue().onConnectionLost();

        deliver(listener, status(CallStatus.IN_PROGRESS));
        assertThat(view.live.timeline.labels()).last().as("a live status can't undo the doubt").isEqualTo("Connection lost");
        deliver(listener, status(CallStatus.COMPLETED));

        assertThat(view.live.timeline.labels()).last().isEqualTo("Call ended");
        assertThat(view.live.headline.getText()).isEqualTo("The call has ended. Nice practice!");
    }

    @Test
    void defect2CancellingWhileRingingNeverShowsInProgressAsDone() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.RINGING));

        test(view.live.endCall).click();
        settle();
        verify(calls).end(SESSION, "CA1", false);
        deliver(listener, status(CallStatus.CANCELED));

        assertThat(view.live.timeline.labels()).containsExactly("Queued", "Ringing", "In progress", "Cancelled");
        List<ListItem> steps = view.live.timeline.getChildren().map(ListItem.class::cast).toList();
        assertThat(steps.get(1).hasClassName("done")).isTrue();
        assertThat(steps.get(2).hasClassName("skipped")).isTrue();
        assertThat(steps.get(2).hasClassName("done")).isFalse();
        assertThat(steps.get(3).hasClassName("failed")).isTrue();
        assertThat(view.live.headline.getText()).isEqualTo("You cancelled the call before it was answered.");
        assertThat(view.live.transcript.getChildren().findFirst().orElseThrow().getElement().getText())
                .isEqualTo("No conversation: the call was never answered.");
    }

    @Test
    void defect3EndingShowsAtOnceStopsTheClockAndEndsAsEndedByYou() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.IN_PROGRESS));
        pass(Duration.ofSeconds(10));

        test(view.live.endCall).click();

        assertThat(view.live.headline.getText()).isEqualTo("Ending the call…");
        assertThat(view.live.endCall.getText()).isEqualTo("Ending…");
        assertThat(view.live.endCall.isEnabled()).isFalse();
        verify(calls).end(SESSION, "CA1", true);
        pass(Duration.ofSeconds(3));
        assertThat(view.live.timer.getText()).isEqualTo("0:10");

        deliver(listener, status(CallStatus.COMPLETED));
        assertThat(view.live.timeline.labels()).last().isEqualTo("Ended by you");
        assertThat(view.live.headline.getText()).isEqualTo("You ended the call. Nice practice!");
    }

    @Test
    void aFailedEndSaysSoAndOffersEndAgain() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.IN_PROGRESS));
        doThrow(new UserFacingException("The call service didn't answer in time.")).when(calls)
                .end(any(), any(), org.mockito.ArgumentMatchers.anyBoolean());

        test(view.live.endCall).click();
        settle();

        assertThat(view.live.endCall.isEnabled()).isTrue();
        assertThat(view.live.headline.getText()).isEqualTo("You're connected. Talk to the AI.");
    }

    @Test
    void eachEndingHasItsOwnWords() {
        assertThat(CallEnding.of(CallStatus.NO_ANSWER, false).label(PracticeMode.PHONE)).isEqualTo("No answer");
        assertThat(CallEnding.of(CallStatus.BUSY, false).headline(PracticeMode.PHONE)).isEqualTo("Your line was busy.");
        assertThat(CallEnding.of(CallStatus.FAILED, false).label(PracticeMode.PHONE)).isEqualTo("Failed");
        assertThat(CallEnding.of(CallStatus.RELEASED, false).label(PracticeMode.PHONE)).isEqualTo("Not placed");
        assertThat(CallEnding.of(EndReason.AI_SAID_GOODBYE).label(PracticeMode.PHONE)).isEqualTo("Ended by the AI");
        for (EndReason reason : EndReason.values()) {
            assertThat(CallEnding.of(reason).headline(PracticeMode.PHONE)).as(reason.name()).isNotBlank();
        }
    }

    @Test
    void voicemailIsSaidAsSuchWhicheverOfTheReasonAndTheFinalStatusComesFirst() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.IN_PROGRESS));

        deliver(listener, status(CallStatus.COMPLETED));
        deliver(listener, new CallEnded(SESSION, EndReason.VOICEMAIL, true, NOW));

        assertThat(view.live.timeline.labels()).last().isEqualTo("Voicemail");
        assertThat(view.live.headline.getText()).isEqualTo("Voicemail answered: call ended. The AI doesn't talk to voicemail.");
        assertThat(view.live.timeline.status()).isEqualTo(CallStatus.COMPLETED);
    }

    @Test
    void theAiEndingTheCallIsSaidAndTheLaterFinalStatusChangesNoWords() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.IN_PROGRESS));

        deliver(listener, new CallEnded(SESSION, EndReason.AI_SAID_GOODBYE, true, NOW));
        deliver(listener, status(CallStatus.COMPLETED));

        assertThat(view.live.timeline.labels()).last().isEqualTo("Ended by the AI");
        assertThat(view.live.headline.getText()).isEqualTo("The AI ended the call. Nice practice!");
        assertThat(view.live.timeline.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(view.live.practiceAgain.isVisible()).isTrue();
    }

    @Test
    void aFailureOnOurSideSaysItDoesNotCount() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.IN_PROGRESS));

        deliver(listener, new CallEnded(SESSION, EndReason.AI_UNAVAILABLE, false, NOW));

        assertThat(view.live.timeline.labels()).last().isEqualTo("AI unavailable");
        assertThat(view.live.headline.getText()).isEqualTo("We couldn't reach your practice partner, so we ended the call."
                + " It doesn't count toward this number's calls.");
    }

    @Test
    void quotaExhaustionSaysCallingIsPaused() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);
        deliver(listener, status(CallStatus.IN_PROGRESS));

        deliver(listener, new CallEnded(SESSION, EndReason.OPENAI_QUOTA, false, NOW));

        assertThat(view.live.timeline.labels()).last().isEqualTo("Calling paused");
        assertThat(view.live.headline.getText()).startsWith("Calling is paused for a while");
    }

    @Test
    void aPlacementTwilioNeverConfirmedSaysSoInsteadOfRinging() {
        ArgumentCaptor<SessionListener> listener = ArgumentCaptor.forClass(SessionListener.class);
        when(calls.place(any(), anyString(), listener.capture()))
                .thenReturn(new Placement.Placed(SESSION, null, false, () -> unsubscribed.set(true)));
        PracticeView view = inCall(listener);

        assertThat(view.live.headline.getText())
                .isEqualTo("We couldn't confirm that the call was placed. If your phone rings, pick up.");
        deliver(listener, status(CallStatus.RINGING));
        assertThat(view.live.headline.getText()).isEqualTo("Your phone is ringing. Pick up!");
    }

    @Test
    void anUnansweredCallEndsAsNoAnswer() {
        ArgumentCaptor<SessionListener> listener = placeSucceeds(false);
        PracticeView view = inCall(listener);

        deliver(listener, new CallStatusChanged(SESSION, CallStatus.NO_ANSWER, NOW, null));

        assertThat(view.live.timeline.labels()).last().isEqualTo("No answer");
        assertThat(view.live.headline.getText()).isEqualTo("The call wasn't answered.");
    }

    @Test
    void defect10DemoCallsNeverSayYourPhoneIsRinging() {
        when(calls.availability()).thenReturn(new CallAvailability(true, true, Set.of("AU")));
        ArgumentCaptor<SessionListener> listener = placeSucceeds(true);
        PracticeView view = inCall(listener);

        deliver(listener, status(CallStatus.RINGING));

        assertThat(view.live.simulatedBadge.isVisible()).isTrue();
        assertThat(view.live.headline.getText())
                .isEqualTo("The simulated phone is ringing; a simulated caller will pick up.");
    }
}
