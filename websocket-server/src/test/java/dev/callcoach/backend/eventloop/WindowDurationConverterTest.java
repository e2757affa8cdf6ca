package dev.callcoach.backend.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowDurationConverterTest {

    private final WindowDurationConverter converter = new WindowDurationConverter();

    @Test
    void readsMicrosecondsAndQuarkusDurations() {
        assertThat(converter.convert("500us")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(converter.convert(" 0us ")).isZero();
        assertThat(converter.convert("1ms")).isEqualTo(Duration.ofMillis(1));
        assertThat(converter.convert("0ms")).isZero();
        assertThat(converter.convert("PT0.0005S")).isEqualTo(Duration.ofNanos(500_000));
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> converter.convert("halfus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid duration: 'halfus' (e.g. 500us, 1ms)");
        assertThatThrownBy(() -> converter.convert("0.5us")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsAsTheConfigurationWouldSayIt() {
        assertThat(WindowDurationConverter.format(Duration.ofNanos(500_000))).isEqualTo("500us");
        assertThat(WindowDurationConverter.format(Duration.ofMillis(11))).isEqualTo("11ms");
        assertThat(WindowDurationConverter.format(Duration.ZERO)).isEqualTo("0ms");
    }
}
