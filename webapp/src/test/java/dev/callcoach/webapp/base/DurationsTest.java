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
            "PT0S, in 1 s",
            "PT44.2S, in 45 s",
            "PT60S, in 1 min",
            "PT61S, in 2 min",
            "PT53M1S, in 54 min",
            "PT1H, in 1 h",
            "PT1H4M30S, in 1 h 5 min",
            "-PT5S, in 1 s"})
    void inSaysHowSoonOneWayRoundingUpSoItNeverPromisesEarly(Duration duration, String expected) {
        assertThat(Durations.in(duration)).isEqualTo(expected);
    }
}
