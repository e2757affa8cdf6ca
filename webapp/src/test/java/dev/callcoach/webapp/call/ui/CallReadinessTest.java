package dev.callcoach.webapp.call.ui;

import dev.callcoach.webapp.call.ui.CallReadiness.Catalog;
import dev.callcoach.webapp.call.ui.CallReadiness.Facts;
import dev.callcoach.webapp.call.ui.CallReadiness.Phone;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a call may be placed: plain facts in, one reason (or none) out. */
class CallReadinessTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Facts READY = new Facts(true, false, Catalog.LOADED, true, List.of(), Phone.VALID, "AU",
            true, false, null, null, null, true, false, false);

    @Test
    void everythingInPlaceMeansACallMayGo() {
        assertThat(CallReadiness.blockedReason(READY, NOW)).isEmpty();
    }

    @Test
    void eachMissingPieceIsNamed() {
        assertThat(reason(configured(false))).isEqualTo("Calling isn't set up on this server yet.");
        assertThat(reason(placing())).isEqualTo("Placing your call…");
        assertThat(reason(catalog(Catalog.LOADING))).isEqualTo("Loading scenarios…");
        assertThat(reason(catalog(Catalog.FAILED))).isEqualTo("The scenarios couldn't be loaded. We keep trying.");
        assertThat(reason(catalog(Catalog.EMPTY))).isEqualTo("No practice scenarios are available on this server yet.");
        assertThat(reason(fields(List.of("Role", "Interviewer"))))
                .isEqualTo("Complete the scenario details: Role, Interviewer.");
        assertThat(reason(phone(Phone.EMPTY))).isEqualTo("Enter your phone number.");
        assertThat(reason(phone(Phone.INVALID))).isEqualTo("Check your phone number.");
        assertThat(reason(regionCallable(false))).isEqualTo("Calls to Australia aren't available on this server.");
        assertThat(reason(consent(false))).isEqualTo("Tick the box to confirm this is your number.");
        assertThat(reason(humanCheck(false))).isEqualTo("Complete the human check.");
        assertThat(CallReadiness.blockedReason(humanCheck(true), NOW)).isEmpty();
    }

    @Test
    void limitsSayWhenInOneFormat() {
        assertThat(reason(limits(NOW.plus(Duration.ofMinutes(54)), null, null)))
                .isEqualTo("This number has no calls left right now. Next call possible in 54 min.");
        assertThat(reason(limits(null, NOW.plus(Duration.ofSeconds(450)), null)))
                .isEqualTo("Your network has no calls left right now. Next call possible in 8 min.");
        assertThat(reason(limits(null, null, NOW.plus(Duration.ofSeconds(30))))).isEqualTo("You can call again in 30 s.");
        assertThat(CallReadiness.blockedReason(limits(NOW, NOW.minusSeconds(1), NOW), NOW))
                .as("a countdown that ran out blocks nothing").isEmpty();
    }

    @Test
    void theFirstThingToFixComesFirst() {
        Facts many = new Facts(true, false, Catalog.LOADED, true, List.of("Role"), Phone.EMPTY, null, false, false,
                null, null, null, false, true, false);

        assertThat(reason(many)).startsWith("Complete the scenario details");
    }

    @Test
    void aNetworkLimitIsSaidBeforeTheNumbersOwn() {
        assertThat(reason(limits(NOW.plusSeconds(60), NOW.plusSeconds(120), null))).startsWith("Your network");
    }

    private static String reason(Facts facts) {
        return CallReadiness.blockedReason(facts, NOW).orElseThrow();
    }

    private static Facts configured(boolean configured) {
        Facts r = READY;
        return new Facts(configured, r.placing(), r.catalog(), r.scenarioChosen(), r.fieldsToFix(), r.phone(), r.region(),
                r.regionCallable(), r.checkingAllowance(), r.numberNextAt(), r.networkNextAt(), r.retryNotBefore(),
                r.consent(), r.humanCheckNeeded(), r.humanCheckPassed());
    }

    private static Facts placing() {
        Facts r = READY;
        return new Facts(true, true, r.catalog(), true, List.of(), r.phone(), "AU", true, false, null, null, null,
                true, false, false);
    }

    private static Facts catalog(Catalog catalog) {
        return new Facts(true, false, catalog, false, List.of(), Phone.EMPTY, null, false, false, null, null, null,
                false, false, false);
    }

    private static Facts fields(List<String> labels) {
        return new Facts(true, false, Catalog.LOADED, true, labels, Phone.VALID, "AU", true, false, null, null, null,
                true, false, false);
    }

    private static Facts phone(Phone phone) {
        return new Facts(true, false, Catalog.LOADED, true, List.of(), phone, null, false, false, null, null, null,
                true, false, false);
    }

    private static Facts regionCallable(boolean callable) {
        return new Facts(true, false, Catalog.LOADED, true, List.of(), Phone.VALID, "AU", callable, false, null, null,
                null, true, false, false);
    }

    private static Facts consent(boolean consent) {
        return new Facts(true, false, Catalog.LOADED, true, List.of(), Phone.VALID, "AU", true, false, null, null, null,
                consent, false, false);
    }

    private static Facts humanCheck(boolean passed) {
        return new Facts(true, false, Catalog.LOADED, true, List.of(), Phone.VALID, "AU", true, false, null, null, null,
                true, true, passed);
    }

    private static Facts limits(Instant number, Instant network, Instant retry) {
        return new Facts(true, false, Catalog.LOADED, true, List.of(), Phone.VALID, "AU", true, false, number, network,
                retry, true, false, false);
    }
}
