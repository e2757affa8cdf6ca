package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.media.BrowserFrame.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrowserMessagesTest {

    @Test
    void marksAndPlayedReportsAreRead() {
        assertThat(BrowserMessages.text("{\"type\":\"mark\",\"name\":\"m12\"}")).isEqualTo(new BrowserFrame.Mark("m12"));
        assertThat(BrowserMessages.text("{\"type\":\"played\",\"ms\":1520,\"extra\":true}")).isEqualTo(new BrowserFrame.Played(1520));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{not json|NOT_JSON",
            "[1,2]|NOT_JSON",
            "{\"type\":7}|NOT_JSON",
            "{\"type\":\"teleport\"}|UNKNOWN_TYPE",
            "{\"type\":\"mark\"}|BAD_FIELD",
            "{\"type\":\"mark\",\"name\":\"\"}|BAD_FIELD",
            "{\"type\":\"played\",\"ms\":-1}|BAD_FIELD",
            "{\"type\":\"played\",\"ms\":1.5}|BAD_FIELD",
            "{\"type\":\"played\",\"ms\":\"12\"}|BAD_FIELD",
            "{\"type\":\"played\",\"ms\":99999999999999999999999}|BAD_FIELD"})
    void badTextIsNamedNeverThrown(String frame, Problem problem) {
        assertThat(BrowserMessages.text(frame)).isInstanceOfSatisfying(BrowserFrame.Malformed.class,
                malformed -> assertThat(malformed.problem()).isEqualTo(problem));
    }

    @Test
    void oversizedTextAndMarkNamesAreRefused() {
        assertThat(BrowserMessages.text("{\"type\":\"mark\",\"name\":\"" + "m".repeat(2000) + "\"}"))
                .isEqualTo(new BrowserFrame.Malformed(Problem.OVERSIZED, "2025 characters"));
        assertThat(BrowserMessages.text("{\"type\":\"mark\",\"name\":\"" + "m".repeat(65) + "\"}"))
                .isInstanceOf(BrowserFrame.Malformed.class);
    }

    @Test
    void audioMustBeWholeSamplesAndAtMost200Ms() {
        assertThat(BrowserMessages.audio(new byte[960])).isInstanceOf(BrowserFrame.Audio.class);
        assertThat(BrowserMessages.audio(new byte[9600])).isInstanceOf(BrowserFrame.Audio.class);
        assertThat(((BrowserFrame.Malformed) BrowserMessages.audio(new byte[9602])).problem()).isEqualTo(Problem.OVERSIZED);
        assertThat(((BrowserFrame.Malformed) BrowserMessages.audio(new byte[961])).problem()).isEqualTo(Problem.BAD_AUDIO);
        assertThat(((BrowserFrame.Malformed) BrowserMessages.audio(new byte[0])).problem()).isEqualTo(Problem.BAD_AUDIO);
    }

    @Test
    void outgoingFramesAreTheDocumentedJson() {
        assertThat(BrowserMessages.mark("m3")).isEqualTo("{\"type\":\"mark\",\"name\":\"m3\"}");
        assertThat(BrowserMessages.clear()).isEqualTo("{\"type\":\"clear\"}");
    }
}
