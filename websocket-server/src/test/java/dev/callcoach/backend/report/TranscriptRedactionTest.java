package dev.callcoach.backend.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers a caller says are masked before a transcript is kept or graded; ordinary numbers stay. */
class TranscriptRedactionTest {

    @Test
    void masksAnythingThatCouldBeAPhoneNumber() {
        assertThat(TranscriptRedaction.redact("Call me on 0412 345 678 tomorrow.")).isEqualTo("Call me on ••• tomorrow.");
        assertThat(TranscriptRedaction.redact("It's +1 (415) 555-0123.")).isEqualTo("It's •••.");
        assertThat(TranscriptRedaction.redact("Ref 98765432")).isEqualTo("Ref •••");
    }

    @Test
    void keepsYearsPricesAndShortNumbers() {
        String text = "From 2019 to 2023 I cut costs by 40% and saved $120,000 in 3 months.";
        assertThat(TranscriptRedaction.redact(text)).isEqualTo(text);
    }
}
