package dev.callcoach.webapp.call.ui;

import dev.callcoach.webapp.call.ui.CallReadiness.Catalog;
import dev.callcoach.webapp.call.ui.CallReadiness.Facts;
import dev.callcoach.webapp.call.ui.CallReadiness.Phone;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a call may be placed or started in the browser: plain facts in, one reason (or none) out. */
class CallReadinessTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    /** The facts of a page ready to call; each test changes what it is about. */
    private static final class Given {
        PracticeMode mode = PracticeMode.PHONE;
        boolean configured = true;
        boolean asking;
        boolean placing;
        Catalog catalog = Catalog.LOADED;
        boolean scenarioChosen = true;
        List<String> fieldsToFix = List.of();
        Phone phone = Phone.VALID;
        String region = "AU";
        boolean regionCallable = true;
        boolean checking;
        Instant numberNextAt;
        Instant networkNextAt;
        Instant retryNotBefore;
        boolean consent = true;
        String microphoneBlocked;
        boolean humanCheckNeeded;
        boolean humanCheckPassed;

        Given browser() {
            mode = PracticeMode.BROWSER;
            // Nothing of the phone's counts in the browser.
            configured = false;
            phone = Phone.EMPTY;
            region = null;
            regionCallable = false;
            consent = false;
            return this;
        }

        Facts facts() {
            return new Facts(mode, configured, asking, placing, catalog, scenarioChosen, fieldsToFix, phone, region,
                    regionCallable, checking, numberNextAt, networkNextAt, retryNotBefore, consent, microphoneBlocked,
                    humanCheckNeeded, humanCheckPassed);
        }

        String reason() {
            return CallReadiness.blockedReason(facts(), NOW).orElseThrow();
        }

        boolean ready() {
            return CallReadiness.blockedReason(facts(), NOW).isEmpty();
        }
    }

    private static Given given() {
        return new Given();
    }

    @Test
    void everythingInPlaceMeansACallMayGo() {
        assertThat(given().ready()).isTrue();
    }

    @Test
    void eachMissingPieceIsNamed() {
        Given g = given();
        g.configured = false;
        assertThat(g.reason()).isEqualTo("Calling isn't set up on this server yet.");
        g = given();
        g.placing = true;
        assertThat(g.reason()).isEqualTo("Placing your call…");
        g = given();
        g.catalog = Catalog.LOADING;
        assertThat(g.reason()).isEqualTo("Loading scenarios…");
        g.catalog = Catalog.FAILED;
        assertThat(g.reason()).isEqualTo("The scenarios couldn't be loaded. We keep trying.");
        g.catalog = Catalog.EMPTY;
        assertThat(g.reason()).isEqualTo("No practice scenarios are available on this server yet.");
        g = given();
        g.scenarioChosen = false;
        assertThat(g.reason()).isEqualTo("Pick a scenario.");
        g = given();
        g.fieldsToFix = List.of("Role", "Interviewer");
        assertThat(g.reason()).isEqualTo("Complete the scenario details: Role, Interviewer.");
        g = given();
        g.phone = Phone.EMPTY;
        assertThat(g.reason()).isEqualTo("Enter your phone number.");
        g.phone = Phone.INVALID;
        assertThat(g.reason()).isEqualTo("Check your phone number.");
        g = given();
        g.regionCallable = false;
        assertThat(g.reason()).isEqualTo("Calls to Australia aren't available on this server.");
        g = given();
        g.checking = true;
        assertThat(g.reason()).isEqualTo("Checking how many calls this number has left…");
        g = given();
        g.consent = false;
        assertThat(g.reason()).isEqualTo("Tick the box to confirm this is your number.");
        g = given();
        g.humanCheckNeeded = true;
        assertThat(g.reason()).isEqualTo("Complete the human check.");
        g.humanCheckPassed = true;
        assertThat(g.ready()).isTrue();
    }

    @Test
    void limitsSayWhenInOneFormat() {
        Given g = given();
        g.numberNextAt = NOW.plus(Duration.ofMinutes(54));
        assertThat(g.reason()).isEqualTo("This number has no calls left right now. Next call possible in 54 min.");
        g = given();
        g.networkNextAt = NOW.plus(Duration.ofSeconds(450));
        assertThat(g.reason()).isEqualTo("Your network has no calls left right now. Next call possible in 8 min.");
        g = given();
        g.retryNotBefore = NOW.plus(Duration.ofSeconds(30));
        assertThat(g.reason()).isEqualTo("You can call again in 30 s.");
        g = given();
        g.numberNextAt = NOW;
        g.networkNextAt = NOW.minusSeconds(1);
        g.retryNotBefore = NOW;
        assertThat(g.ready()).as("a countdown that ran out blocks nothing").isTrue();
    }

    @Test
    void theFirstThingToFixComesFirst() {
        Given g = given();
        g.fieldsToFix = List.of("Role");
        g.phone = Phone.EMPTY;
        g.consent = false;
        g.humanCheckNeeded = true;

        assertThat(g.reason()).startsWith("Complete the scenario details");
    }

    @Test
    void aNetworkLimitIsSaidBeforeTheNumbersOwn() {
        Given g = given();
        g.numberNextAt = NOW.plusSeconds(60);
        g.networkNextAt = NOW.plusSeconds(120);

        assertThat(g.reason()).startsWith("Your network");
    }

    @Test
    void inTheBrowserNoPhoneNumberConsentOrTwilioIsAskedFor() {
        assertThat(given().browser().ready()).isTrue();
    }

    @Test
    void inTheBrowserTheMicrophoneAndTheNetworkCanStandInTheWay() {
        Given g = given().browser();
        g.microphoneBlocked = MicrophoneProblem.DENIED.message();
        assertThat(g.reason()).isEqualTo(MicrophoneProblem.DENIED.message());

        g = given().browser();
        g.asking = true;
        assertThat(g.reason()).isEqualTo("Allow the microphone when your browser asks.");
        g.asking = false;
        g.placing = true;
        assertThat(g.reason()).isEqualTo("Starting your call…");

        g = given().browser();
        g.networkNextAt = NOW.plus(Duration.ofMinutes(3));
        assertThat(g.reason()).isEqualTo("Your network has no calls left right now. Next call possible in 3 min.");
        g.networkNextAt = null;
        g.numberNextAt = NOW.plus(Duration.ofMinutes(3));
        assertThat(g.ready()).as("a number's limit is no matter without a number").isTrue();

        g = given().browser();
        g.fieldsToFix = List.of("Role");
        g.microphoneBlocked = MicrophoneProblem.DENIED.message();
        assertThat(g.reason()).as("the form first, as for a phone call").startsWith("Complete the scenario details");
    }
}
