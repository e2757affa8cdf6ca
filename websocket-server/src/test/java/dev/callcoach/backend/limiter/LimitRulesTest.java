package dev.callcoach.backend.limiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final LimitRules rules = new LimitRules(2, Duration.ofMinutes(60), 10, 200, Duration.ofMinutes(15),
            Duration.ofSeconds(30));

    @Test
    void callsLeftCountDownAndTheOldestAttemptDecidesTheNextSlot() {
        assertThat(rules.allowance(List.of(), NOW)).isEqualTo(new PhoneAllowance(2, 2, null, Duration.ofMinutes(60)));
        Instant first = NOW.minus(Duration.ofMinutes(50));
        assertThat(rules.allowance(List.of(first), NOW).callsLeft()).isEqualTo(1);

        PhoneAllowance spent = rules.allowance(List.of(first, NOW.minusSeconds(60)), NOW);
        assertThat(spent.callsLeft()).isZero();
        assertThat(spent.nextAllowedAt()).isEqualTo(first.plus(Duration.ofMinutes(60)));
        assertThat(rules.phoneRefusal(spent, NOW)).contains(
                new Refusal(Refusal.Reason.PHONE_LIMIT, Duration.ofMinutes(10)));
    }

    @Test
    void withMoreAttemptsThanTheLimitSeveralMustAgeOut() {
        List<Instant> attempts = List.of(NOW.minusSeconds(3000), NOW.minusSeconds(2000), NOW.minusSeconds(1000));
        assertThat(rules.allowance(attempts, NOW).nextAllowedAt()).isEqualTo(NOW.minusSeconds(2000).plus(Duration.ofHours(1)));
    }

    @Test
    void concurrencyCapComesBeforeTheDailyCap() {
        Instant oldest = NOW.minus(Duration.ofHours(20));
        assertThat(rules.globalRefusal(new GlobalUsage(9, 199, null), NOW)).isEmpty();
        assertThat(rules.globalRefusal(new GlobalUsage(10, 200, oldest), NOW))
                .contains(new Refusal(Refusal.Reason.CONCURRENCY_CAP, Duration.ofSeconds(30)));
        assertThat(rules.globalRefusal(new GlobalUsage(3, 200, oldest), NOW))
                .contains(new Refusal(Refusal.Reason.DAILY_CAP, Duration.ofHours(4)));
    }

    @Test
    void dailyFreeingOffsetPointsAtTheAttemptWhoseExpiryFreesASlot() {
        assertThat(rules.dailyFreeingOffset(199)).isEmpty();
        assertThat(rules.dailyFreeingOffset(200)).contains(0);
        assertThat(rules.dailyFreeingOffset(203)).contains(3);
    }

    @Test
    void retryAfterSecondsRoundsUpAndIsAtLeastOne() {
        assertThat(new Refusal(Refusal.Reason.PHONE_LIMIT, Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new Refusal(Refusal.Reason.PHONE_LIMIT, Duration.ofSeconds(45)).retryAfterSeconds()).isEqualTo(45);
        assertThat(new Refusal(Refusal.Reason.PHONE_LIMIT, Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void attemptsAreKeptForTheLongerOfWindowAndDay() {
        assertThat(rules.attemptHorizon()).isEqualTo(Duration.ofHours(24));
        LimitRules longWindow = new LimitRules(2, Duration.ofHours(48), 1, 1, Duration.ofMinutes(1), Duration.ofSeconds(1));
        assertThat(longWindow.attemptHorizon()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheKeyName() {
        assertThatThrownBy(() -> new LimitRules(0, Duration.ofMinutes(60), 10, 200, Duration.ofMinutes(15), Duration.ofSeconds(30)))
                .hasMessageContaining("max-calls-per-window");
        assertThatThrownBy(() -> new LimitRules(2, Duration.ZERO, 10, 200, Duration.ofMinutes(15), Duration.ofSeconds(30)))
                .hasMessageContaining("window");
    }
}
