package dev.callcoach.webapp.base;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "PT0S, 1 s",
            "PT0.2S, 1 s",
            "PT45S, 45 s",
            "PT90S, 1 min 30 s",
            "PT12M, 12 min",
            "PT1H5M, 1 h 5 min",
            "PT2H, 2 h"})
    void humanize(Duration duration, String expected) {
        assertThat(Durations.humanize(duration)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0:00",
            "PT6.9S, 0:06",
            "PT12M34S, 12:34",
            "PT1H2M3S, 1:02:03",
            "-PT5S, 0:00"})
    void elapsedCountsWholeSecondsGoneBy(Duration duration, String expected) {
        assertThat(Durations.elapsed(duration)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0:00",
            "PT6.1S, 0:07",
            "PT89.5S, 1:30",
            "PT12M34S, 12:34",
            "-PT5S, 0:00"})
    void countdownRoundsUpSoItNeverEndsEarly(Duration duration, String expected) {
        assertThat(Durations.countdown(duration)).isEqualTo(expected);
    }
}
