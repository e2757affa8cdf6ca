package dev.callcoach.contracts.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneMaskingTest {

    @ParameterizedTest
    @CsvSource({
            "+12015550123, +1 •••• ••• 0123",
            "+61412345678, +61 •••• ••• 5678",
            "+918123456789, +91 •••• ••• 6789",
            "+447400123456, +44 •••• ••• 3456",
            "'+1 (201) 555-0123', +1 •••• ••• 0123",
            // Seven national digits: the last four would give most of it away.
            "+611631234, +61 •••• ••• ••••"})
    void keepsCountryCodeAndLastFourDigits(String e164, String masked) {
        assertThat(PhoneMasking.mask(e164)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0412345678", "garbage", "+", "+999", "+1 abc"})
    void anythingElseMasksToAFixedPlaceholder(String input) {
        assertThat(PhoneMasking.mask(input)).isEqualTo(PhoneMasking.UNREADABLE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void noNumberSaysSo(String input) {
        assertThat(PhoneMasking.mask(input)).isEqualTo(PhoneMasking.NONE);
    }

    @Test
    void hugeInputIsNotParsed() {
        assertThat(PhoneMasking.mask("+1" + "2".repeat(1 << 20))).isEqualTo(PhoneMasking.UNREADABLE);
    }
}
