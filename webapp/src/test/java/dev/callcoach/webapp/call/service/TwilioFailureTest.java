package dev.callcoach.webapp.call.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioFailureTest {

    @ParameterizedTest
    @CsvSource({
            "21211, INVALID_NUMBER",
            "21214, INVALID_NUMBER",
            "21217, INVALID_NUMBER",
            "21215, DESTINATION_BLOCKED",
            "21216, DESTINATION_BLOCKED",
            "13227, DESTINATION_BLOCKED",
            "20003, CONFIGURATION",
            "20404, CONFIGURATION",
            "21212, CONFIGURATION",
            "20429, OTHER",
            "31005, OTHER"})
    void errorCodesMapToWhatTheCallerIsTold(int code, TwilioFailure expected) {
        assertThat(TwilioFailure.of(code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"INVALID_NUMBER", "DESTINATION_BLOCKED", "CONFIGURATION", "UNREACHABLE", "OTHER"})
    void messagesAreSentencesWithoutCodesOrJargon(TwilioFailure failure) {
        assertThat(failure.userMessage()).endsWith(".").doesNotContainPattern("[0-9]{4,}").doesNotContain("Twilio");
    }

    @org.junit.jupiter.api.Test
    void noAnswerAtAllMeansUnreachable() {
        assertThat(TwilioFailure.of(null)).isEqualTo(TwilioFailure.UNREACHABLE);
    }
}
