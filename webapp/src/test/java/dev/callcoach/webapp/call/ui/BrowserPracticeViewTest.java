package dev.callcoach.webapp.call.ui;

import dev.callcoach.contracts.channel.CallEnded;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.EndReason;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.webapp.call.service.BrowserRequest;
import dev.callcoach.webapp.call.service.Placement;
import dev.callcoach.webapp.channel.SessionListener;
import dev.callcoach.webapp.channel.Subscription;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The practice page in the browser, without a browser: the mode switch, the microphone as the browser script
 * reports it (its calls are made here as the script would make them), and the call followed like a phone call.
 */
class BrowserPracticeViewTest extends PracticePageTestBase {

    private static final String MEDIA = "wss://backend.test/browser/media/" + SESSION;

    @Test
    void theBrowserAsksForNoNumberAndNoConsent() {
        PracticeView view = inBrowserMode();

        assertThat(view.phone.isVisible()).isFalse();
        assertThat(view.callStep.consent.isVisible()).isFalse();
        assertThat(view.callStep.call.isVisible()).isFalse();
        assertThat(view.microphone.isVisible()).isTrue();
        assertThat(view.microphone.state.getText()).isEqualTo("Microphone: your browser asks for it when you start.");
        assertThat(view.limits.number.isVisible()).as("no number, no number's limit").isFalse();
        assertThat(view.limits.network.getText()).isEqualTo("Your network: calls are limited (10 per 15 min).");
        assertThat(view.callStep.isVisible()).as("nothing to ask for in step 3").isFalse();
        assertThat(view.callStep.start.isVisible()).isTrue();
        assertThat(view.callStep.start.isEnabled()).isTrue();
        assertThat(view.callStep.blockedReason.isVisible()).isFalse();
    }

    @Test
    void aCallInTheBrowserStartsOnceTheMicrophoneIsThereAndIsFollowedLikeACall() {
        ArgumentCaptor<SessionListener> listener = startSucceeds();
        PracticeView view = inBrowserMode();

        test(view.callStep.start).click();
        settle();
        assertBlocked(view, "Allow the microphone when your browser asks.");
        verify(browser, never()).start(any(), anyString(), any());

        view.audio.microphoneReady();
        settle();

        ArgumentCaptor<BrowserRequest> request = ArgumentCaptor.forClass(BrowserRequest.class);
        verify(browser).start(request.capture(), anyString(), any());
        assertThat(request.getValue().scenarioId()).isEqualTo("job-interview");
        assertThat(request.getValue().scenarioConfig()).containsEntry("role", "Barista");
        assertThat(view.live.isVisible()).isTrue();
        assertThat(view.live.simulatedBadge.isVisible()).isFalse();
        assertThat(view.live.audio.isVisible()).isTrue();
        assertThat(view.live.timeline.labels()).containsExactly("Connecting", "In progress", "Ended");
        assertThat(view.live.headline.getText()).isEqualTo("Connecting your microphone to the AI…");

        deliver(listener, status(CallStatus.IN_PROGRESS));
        deliver(listener, line(Speaker.CALLER, "I have two years of experience.", true, "you-1"));
        assertThat(view.live.headline.getText()).isEqualTo("You're connected. Talk to the AI.");
        assertThat(view.live.transcript.lines()).containsExactly("You: I have two years of experience.");

        test(view.live.endCall).click();
        settle();
        verify(calls).end(eq(SESSION), isNull(), eq(true));
        deliver(listener, new CallEnded(SESSION, EndReason.ENDED_FROM_PAGE, false, NOW));
        assertThat(view.live.timeline.labels()).containsExactly("Connecting", "In progress", "Ended by you");
        assertThat(view.live.headline.getText()).as("no number to count toward")
                .isEqualTo("You ended the call. Nice practice!");
        assertThat(view.live.audio.isVisible()).as("the microphone is off").isFalse();

        test(view.live.practiceAgain).click();
        settle();
        assertThat(unsubscribed).isTrue();
        assertThat(view.formPanel.isVisible()).isTrue();
        assertThat(view.modeStep.mode()).isEqualTo(PracticeMode.BROWSER);
        assertThat(view.callStep.start.isEnabled()).isTrue();
    }

    @Test
    void aBlockedMicrophoneSaysHowToAllowItAndBlocksStartUntilItIs() {
        PracticeView view = inBrowserMode();

        view.audio.permission("denied");
        settle();

        assertThat(view.microphone.state.getText()).isEqualTo("Microphone: blocked for this site.");
        assertBlocked(view, "Your browser blocks the microphone for this site. To allow it, click the icon at the "
                + "left of the address bar and set Microphone to Allow.");

        view.audio.permission("granted");
        settle();
        assertThat(view.microphone.state.getText()).isEqualTo("Microphone: allowed.");
        assertThat(view.callStep.start.isEnabled()).isTrue();
    }

    @Test
    void aMicrophoneThatFailsAtStartIsExplainedAndStartCanBePressedAgain() {
        PracticeView view = inBrowserMode();
        test(view.callStep.start).click();
        settle();

        view.audio.microphoneFailed("missing");
        settle();

        assertThat(view.callStep.isVisible()).isTrue();
        assertThat(view.callStep.refusal.getText()).isEqualTo("No microphone was found. Plug one in or switch it on in "
                + "your system's sound settings, then start again.");
        assertThat(view.callStep.start.isEnabled()).isTrue();
        verify(browser, never()).start(any(), anyString(), any());
    }

    @Test
    void whatTheBrowserReportsIsCheckedNotTrusted() {
        PracticeView view = inBrowserMode();

        view.audio.microphoneReady();
        view.audio.mediaFailed();
        view.audio.permission("<script>");
        view.audio.microphoneFailed(null);
        settle();

        verify(browser, never()).start(any(), anyString(), any());
        assertThat(view.live.isVisible()).isFalse();
        assertThat(view.microphone.state.getText()).isEqualTo("Microphone: your browser asks for it when you start.");
        assertThat(view.callStep.refusal.getText()).isEqualTo(MicrophoneProblem.FAILED.message());
        assertThat(MicrophoneProblem.of("DENIED")).as("codes are lower case").isEqualTo(MicrophoneProblem.FAILED);
    }

    @Test
    void anInsecurePageSaysHowToOpenItProperly() {
        PracticeView view = inBrowserMode();

        view.audio.unavailable("insecure");
        settle();

        assertThat(view.microphone.state.getText()).isEqualTo("Microphone: can't be used on this page.");
        assertBlocked(view, "The microphone only works on a secure page. Open this page with an https:// address "
                + "(or on this computer at http://localhost).");
    }

    @Test
    void audioThatCannotConnectEndsTheCallAndSaysSo() {
        startSucceeds();
        PracticeView view = inBrowserCall();

        view.audio.mediaFailed();
        settle();

        verify(calls).end(eq(SESSION), isNull(), eq(false));
        assertThat(view.live.timeline.labels()).containsExactly("Connecting", "In progress", "No audio");
        assertThat(view.live.headline.getText()).startsWith("Your browser couldn't connect to the call's audio");
        assertThat(view.live.practiceAgain.isVisible()).isTrue();
    }

    @Test
    void aRefusalIsShownAsForAPhoneCall() {
        when(browser.start(any(), anyString(), any())).thenReturn(new Placement.Refused(
                "All lines are busy right now. Please try again in a moment.", Duration.ofSeconds(30),
                Placement.Limit.SERVICE));
        PracticeView view = inBrowserMode();
        test(view.callStep.start).click();
        view.audio.microphoneReady();
        settle();

        assertThat(view.live.isVisible()).isFalse();
        assertThat(view.callStep.refusal.getText()).isEqualTo("All lines are busy right now. Please try again in a moment.");
        assertBlocked(view, "You can call again in 30 s.");
    }

    @Test
    void browserWordsNeverTalkOfPhonesOrRinging() {
        for (CallEnding ending : CallEnding.values()) {
            if (ending == CallEnding.NO_ANSWER || ending == CallEnding.BUSY || ending == CallEnding.VOICEMAIL) {
                continue; // only a phone can be left unanswered, busy, or answered by a machine
            }
            assertThat(ending.headline(PracticeMode.BROWSER) + " " + ending.label(PracticeMode.BROWSER))
                    .as(ending.name()).doesNotContainIgnoringCase("phone").doesNotContainIgnoringCase("ring")
                    .doesNotContainIgnoringCase("placed").doesNotContainIgnoringCase("answered");
        }
        assertThat(CallEnding.CANCELLED.headline(PracticeMode.PHONE))
                .isEqualTo("You cancelled the call before it was answered.");
    }

    @Test
    void muteTogglesAndANewCallStartsUnmuted() {
        startSucceeds();
        PracticeView view = inBrowserCall();

        test(view.live.audio.mute).click();
        assertThat(view.live.audio.muted()).isTrue();
        assertThat(view.live.audio.mute.getText()).isEqualTo("Unmute");
        assertThat(view.live.audio.mute.getElement().getAttribute("aria-pressed")).isEqualTo("true");

        view.live.start(PracticeMode.BROWSER, false, "Job interview", "Alloy");
        assertThat(view.live.audio.muted()).isFalse();
        assertThat(view.live.audio.mute.getText()).isEqualTo("Mute");
    }

    private PracticeView inBrowserMode() {
        PracticeView view = open();
        fillInterview(view);
        view.modeStep.mode.setValue(PracticeMode.BROWSER);
        settle();
        return view;
    }

    private PracticeView inBrowserCall() {
        PracticeView view = inBrowserMode();
        test(view.callStep.start).click();
        view.audio.microphoneReady();
        settle();
        assertThat(view.live.isVisible()).isTrue();
        return view;
    }

    private ArgumentCaptor<SessionListener> startSucceeds() {
        ArgumentCaptor<SessionListener> listener = ArgumentCaptor.forClass(SessionListener.class);
        Subscription subscription = () -> unsubscribed.set(true);
        when(browser.start(any(), anyString(), listener.capture()))
                .thenReturn(new Placement.InBrowser(SESSION, MEDIA, "t".repeat(43), subscription));
        return listener;
    }
}
