package dev.callcoach.webapp.e2e;

import dev.callcoach.simulator.twilio.CallerScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person at the practice page, in real Chromium, against the whole product with simulated phones.
 *
 * <p>The tests share one stack. Each calls its own numbers (2 calls per number per hour), but every
 * placement counts against the one client IP (10 per 15 minutes), so they count their placements and the
 * IP-limit test runs last and tops up to the limit from wherever the others left it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PracticeCallBrowserTest {

    /*
     * Australian mobiles from the range the regulator keeps for fiction; each is a different simulated phone.
     * Every test uses its own numbers, so none depends on another having run.
     */
    private static final String TALKER = "0491 570 006";
    private static final String REPEATER = "0491 572 549";
    /** Enough for eleven placements, should this be the only test that places calls. */
    private static final String[] BUSY_LINES = {
            "0491 570 156", "0491 570 157", "0491 570 158", "0491 570 159", "0491 570 110", "0491 570 313",
            "0491 570 737", "0491 571 266", "0491 571 491", "0491 571 804", "0491 572 665"};
    private static final int IP_LIMIT = 10;

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    private LocalStack stack;
    /** Placements this browser's IP has made so far, refused or not. */
    private int placements;

    @BeforeAll
    void startEverything() throws InterruptedException {
        // Many numbers are looked up here from one IP; the lookup budget is not what these tests are about.
        stack = LocalStack.start(Map.of("callcoach.limit-lookups.lookups", "500"));
        // Picks up, hears the greeting, answers, waits for the AI's reply, hangs up.
        stack.twilio().script("+61491570006", CallerScript.answerAfter(Duration.ofMillis(500))
                .thenWaitForReply()
                .thenSpeak(Duration.ofMillis(1500))
                .thenWaitForReply()
                .hangUpAfter(Duration.ofMillis(500)));
        stack.twilio().script(e164(REPEATER), CallerScript.busy());
        for (String number : BUSY_LINES) {
            stack.twilio().script(e164(number), CallerScript.busy());
        }
    }

    @AfterAll
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void invalidAndPremiumRateNumbersAreRefusedWithTheirMessages() {
        browser.usePhoneWidth();
        PracticePage page = PracticePage.open(browser.driver(), stack.pageUrl()).country("Australia (+61)");

        page.number("0412 34");
        assertThat(page.phoneError()).isEqualTo("That isn't a valid phone number in Australia.");
        assertThat(page.callButtonEnabled()).isFalse();

        page.number("1900 654 321");
        assertThat(page.phoneErrorStartingWith("Premium-rate numbers can't be called.")).isNotBlank();
        assertThat(page.callButtonEnabled()).isFalse();
        assertThat(page.overflowsHorizontally()).as("no sideways scrolling at 375 px").isFalse();
    }

    @Test
    @Order(2)
    void aPracticeCallIsFollowedLiveToTheEndWithBothSpeakersInTheTranscript() {
        PracticePage page = readyToCall(TALKER);
        assertThat(page.allowanceStartingWith("This number: 2 of 2 calls left")).isNotBlank();

        place(page);

        assertThat(page.awaitLiveCall().simulatedBadgeShown()).isTrue();
        page.awaitStatus("completed");
        assertThat(page.timelineSteps()).containsExactly("Queued", "Ringing", "In progress", "Call ended");
        assertThat(page.transcript()).anyMatch(line -> line.startsWith("AI: "));
        assertThat(page.transcript()).anyMatch(line -> line.startsWith("You: "));
    }

    @Test
    @Order(3)
    void aThirdCallToTheSameNumberWithinTheHourIsRefusedWithItsCountdown() {
        PracticePage page = readyToCall(REPEATER);
        for (String left : new String[] {"This number: 2 of 2 calls left", "This number: 1 of 2 calls left"}) {
            assertThat(page.allowanceStartingWith(left)).isNotBlank();
            place(page);
            assertThat(page.awaitEnd()).isEqualTo("busy");
            page.practiceAgain();
        }

        assertThat(page.allowanceStartingWith("This number: no calls left (2 per hour). Next call possible in"))
                .matches(".* in ([0-9]+ min|1 h)\\.");
        assertThat(page.blockedReasonStartingWith("This number has no calls left right now.")).isNotBlank();
        assertThat(page.callButtonEnabled()).isFalse();
    }

    @Test
    @Order(4)
    void theEleventhPlacementFromOneIpWithinFifteenMinutesIsRefused() {
        PracticePage page = readyToCall(BUSY_LINES[0]);
        int line = 0;
        while (placements < IP_LIMIT) {
            // "Practice again" keeps the scenario and the consent; only the number changes.
            page.number(BUSY_LINES[line++]).allowanceStartingWith("This number: 2 of 2 calls left");
            place(page);
            assertThat(page.awaitEnd()).isEqualTo("busy");
            page.practiceAgain();
        }

        page.number(BUSY_LINES[line]).allowanceStartingWith("This number: 2 of 2 calls left");
        place(page);

        assertThat(page.refusal()).startsWith("Too many calls from your network for now.");
        assertThat(page.networkAllowanceStartingWith("Your network: no calls left")).matches(".* in [0-9]+ min\\.");
        assertThat(page.blockedReasonStartingWith("Your network has no calls left right now."))
                .matches(".* in [0-9]+ min\\.");
    }

    private PracticePage readyToCall(String number) {
        return PracticePage.open(browser.driver(), stack.pageUrl())
                .chooseScenario()
                .fillRequiredFields()
                .country("Australia (+61)")
                .number(number)
                .consent();
    }

    private void place(PracticePage page) {
        page.call();
        placements++;
    }

    private static String e164(String australianNational) {
        return "+61" + australianNational.replace(" ", "").substring(1);
    }
}
