package dev.callcoach.webapp.e2e;

import dev.callcoach.simulator.realtime.RealtimeSession;
import dev.callcoach.simulator.realtime.Reply;
import dev.callcoach.simulator.realtime.SessionScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person practicing in the browser, in real Chromium with a fake microphone that says one sentence every
 * 14.75 s (7 s of silence, the sentence, 6 s of silence), against the whole product with FakeRealtime as the AI.
 * The AI greets for 2 s, then answers the first sentence at length, so the second one speaks over it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserPracticeBrowserTest {

    private static final Duration GREETING = Duration.ofSeconds(2);
    /** Longer than the silence before the caller's next sentence: the caller has to interrupt. */
    private static final Duration LONG_ANSWER = Duration.ofSeconds(30);
    private static final int RATE = 24000;

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(FakeMicrophone.flags(
            Path.of("target", "e2e", "fake-microphone.wav"), Duration.ofSeconds(7), Duration.ofSeconds(6)));

    private LocalStack stack;

    @BeforeAll
    void startEverything() throws InterruptedException {
        stack = LocalStack.start();
        stack.realtime().script(SessionScript.defaults().replies(
                Reply.say("Hello, thanks for coming in.").lasting(GREETING),
                Reply.say("That is a good start. Tell me more about the busiest shift you ever worked, and what "
                        + "you did when the queue reached the door.").lasting(LONG_ANSWER)));
    }

    @AfterAll
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theCallerAndTheAiHearEachOtherAndTheCallerCanInterrupt() {
        PracticePage page = PracticePage.open(browser.driver(), stack.pageUrl()).chooseScenario().fillRequiredFields()
                .practiceInBrowser();
        Gallery.shoot(browser.driver(), "browser-ready", "microphone");

        page.start().awaitLiveCall().awaitStatus("in-progress");
        assertThat(page.headlineStartingWith("You're connected.")).isNotBlank();

        assertThat(page.awaitSamplesPlayedOver(RATE)).as("a second of the greeting played in the page").isPositive();
        assertThat(page.awaitMicrophoneLevel()).isPositive();
        Gallery.shoot(browser.driver(), "browser-call-live", "live-call");

        page.awaitTranscriptLine("You: ");
        RealtimeSession session = stack.realtime().lastSession().orElseThrow();
        assertThat(session.inputAudioMs()).as("the caller's speech reached the AI").isPositive();
        assertThat(session.session().path("audio").path("input").path("format").path("type").asText())
                .isEqualTo("audio/pcm");

        // The long answer plays until the caller's next sentence speaks over it.
        RealtimeSession.Truncation truncation = await().atMost(Duration.ofSeconds(45)).until(
                () -> session.truncations().stream().filter(t -> t.itemAudioMs() > GREETING.toMillis()).findFirst(),
                Optional::isPresent).orElseThrow();
        @SuppressWarnings("unchecked")
        List<Number> clears = (List<Number>) page.audioStats().get("playedAtClear");
        long playedAtClear = clears.getLast().longValue();
        long answerPlayed = playedAtClear - GREETING.toMillis();
        assertThat(truncation.audioEndMs()).as("cut where the caller stopped hearing it")
                .isBetween(answerPlayed - 500, answerPlayed + 500)
                .isLessThan(LONG_ANSWER.toMillis() - 5000);
        long afterClear = page.samplesPlayed();
        assertThat(afterClear * 1000 / RATE).as("nothing of the cleared answer played on")
                .isLessThan(playedAtClear + 1000);
        Gallery.shoot(browser.driver(), "browser-call-interrupted", "live-call");

        page.endCall();
        assertThat(page.awaitEnding()).isEqualTo("ended_by_you");
        long inputAtEnd = session.inputAudioMs();
        long playedAtEnd = page.samplesPlayed();
        await("neither the microphone nor the speaker goes on").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> session.inputAudioMs() == inputAtEnd && page.samplesPlayed() == playedAtEnd);
        assertThat(page.audioStats()).containsEntry("capturing", false).containsEntry("socket", "closed");
        Gallery.shoot(browser.driver(), "browser-call-ended", "live-call");
    }

    @Test
    @Order(2)
    void aBlockedMicrophoneSaysHowToAllowIt() {
        browser.driver().executeCdpCommand("Browser.setPermission", Map.of(
                "permission", Map.of("name", "microphone"), "setting", "denied",
                "origin", stack.pageUrl().toString().replaceAll("/$", "")));
        PracticePage page = PracticePage.open(browser.driver(), stack.pageUrl()).chooseScenario().fillRequiredFields()
                .practiceInBrowser();

        assertThat(page.microphoneStateStartingWith("Microphone: blocked for this site.")).isNotBlank();
        assertThat(page.blockedReasonStartingWith("Your browser blocks the microphone for this site."))
                .endsWith("click the icon at the left of the address bar and set Microphone to Allow.");
        assertThat(page.startButtonEnabled()).isFalse();
        Gallery.shoot(browser.driver(), "browser-microphone-blocked", "microphone");
    }
}
