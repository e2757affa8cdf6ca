package dev.callcoach.contracts.channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelRecordsTest {

    @Test
    void recordsHoldingAPhoneNumberMaskItInToString() {
        PhoneLimitCheck check = new PhoneLimitCheck("c-1", "+14155550123");
        ReserveCall reserve = new ReserveCall("c-2", "+61412345678", "job-interview", Map.of("role", "dev"), "marin");

        assertThat(check.toString()).doesNotContain("4155550123").contains("+1 •••• ••• 0123");
        assertThat(reserve.toString()).doesNotContain("412345678").contains("+61 •••• ••• 5678", "job-interview");
    }

    @Test
    void recordsHoldingAReportTokenMaskItInToString() {
        String token = "q8Zx3VbN1sK7tLwR5mYc2HdJ9fGa4PeU6iOo0TnXyQk";
        UUID session = UUID.randomUUID();

        assertThat(new GetReport("c-1", session, token).toString()).doesNotContain(token);
        assertThat(new RetryReport("c-1", session, token).toString()).doesNotContain(token);
        assertThat(new DeleteReport("c-1", session, token).toString()).doesNotContain(token);
        assertThat(new ReportStatusChanged(session, ReportState.PREPARING, token, Instant.EPOCH, null).toString())
                .doesNotContain(token);
    }

    @Test
    void reserveCallLeavesFormValuesOutOfToString() {
        ReserveCall reserve = new ReserveCall("c-3", "+61412345678", "job-interview",
                Map.of("notes", "call my friend on 0412 999 888"), "marin");

        assertThat(reserve.toString()).contains("notes").doesNotContain("999", "call my friend");
    }

    @Test
    void scenarioConfigIsCopiedAndRefusesNulls() {
        java.util.HashMap<String, String> config = new java.util.HashMap<>(Map.of("role", "dev"));
        ReserveCall reserve = new ReserveCall("c-2", "+61412345678", "job-interview", config, "marin");
        config.put("role", "changed");

        assertThat(reserve.scenarioConfig()).containsEntry("role", "dev");
        config.put("role", null);
        assertThatThrownBy(() -> new ReserveCall("c-2", "+61412345678", "job-interview", config, "marin"))
                .hasMessage("field 'scenarioConfig' must not contain null keys or values");
    }

    @Test
    void browserReserveSharesTheScenarioConfigChecksAndLeavesValuesOutOfToString() {
        java.util.HashMap<String, String> config = new java.util.HashMap<>(Map.of("notes", "call my friend"));
        ReserveBrowserSession reserve = new ReserveBrowserSession("c-4", "job-interview", config, "marin");
        config.put("notes", "changed");

        assertThat(reserve.scenarioConfig()).containsEntry("notes", "call my friend");
        assertThat(reserve.toString()).contains("notes", "job-interview").doesNotContain("call my friend");
        config.put("notes", null);
        assertThatThrownBy(() -> new ReserveBrowserSession("c-4", "job-interview", config, "marin"))
                .hasMessage("field 'scenarioConfig' must not contain null keys or values");
    }

    @Test
    void browserReservedMasksItsMediaTokenAndChecksItsShape() {
        String token = "q3Zt8Vx1Lm0Pw7Rk2Yb5Nc9Hd4Jf6Sg_Ua-Ei1Oo3Tz";
        UUID session = UUID.randomUUID();
        String url = "wss://backend.example/browser/media/" + session;
        Instant expires = Instant.parse("2026-12-02T03:00:00Z");

        assertThat(new BrowserSessionReserved("c-5", session, url, token, expires).toString())
                .doesNotContain(token).contains(url);
        assertThatThrownBy(() -> new BrowserSessionReserved("c-5", session, url, token.substring(1), expires))
                .hasMessage("field 'mediaToken' must be 43 base64url characters");
        assertThatThrownBy(() -> new BrowserSessionReserved("c-5", session, url.replace("wss:", "https:"), token, expires))
                .hasMessage("field 'mediaUrl' must be a ws:// or wss:// URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\tinside", "ünïcode"})
    void correlationIdMustBeVisibleAscii(String id) {
        assertThat(ChannelProtocol.isValidCorrelationId(id)).isFalse();
        assertThatThrownBy(() -> new Ack(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void phoneLimitStatusIsConsistent() {
        Instant later = Instant.parse("2025-01-01T12:00:00Z");

        assertThat(new PhoneLimitStatus("c", 2, 0, later, 60).nextAllowedAt()).isEqualTo(later);
        assertThatThrownBy(() -> new PhoneLimitStatus("c", 2, 3, null, 60))
                .hasMessage("field 'callsLeft' must not exceed field 'limit'");
        assertThatThrownBy(() -> new PhoneLimitStatus("c", 2, 1, later, 60))
                .hasMessage("field 'nextAllowedAt' must be null while calls are left");
        assertThatThrownBy(() -> new PhoneLimitStatus("c", 2, 1, null, 0))
                .hasMessage("field 'windowMinutes' must be at least 1");
    }

    @Test
    void callRefusedRetryAfterIsNotNegative() {
        assertThatThrownBy(() -> new CallRefused("c", RefusalReason.DAILY_CAP, "Come back tomorrow.", -1))
                .hasMessage("field 'retryAfterSeconds' must be at least 0");
    }

    @Test
    void placementUnknownNeedsASessionAndAReason() {
        java.util.UUID session = java.util.UUID.randomUUID();
        assertThatThrownBy(() -> new CallPlacementUnknown("c", null, "timeout"))
                .hasMessage("missing required field 'sessionId'");
        assertThatThrownBy(() -> new CallPlacementUnknown("c", session, ""))
                .hasMessageContaining("'reason'");
    }

    @Test
    void placementUnknownWithoutSessionIsAnInvalidMessage() {
        assertThatThrownBy(() -> new ChannelCodec().decode(
                "{\"type\":\"call.placement_unknown\",\"correlationId\":\"c-1\",\"reason\":\"timeout\"}"))
                .isInstanceOfSatisfying(ChannelProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
    }

    @Test
    void errorReplyMayLackACorrelationId() {
        assertThat(new ErrorReply(null, ErrorCode.MALFORMED_JSON, "empty frame").correlationId()).isNull();
    }

    @Test
    void errorReplyOfALongRuleMessageIsCutToTheBound() {
        ChannelProtocolException e = new ChannelProtocolException(ErrorCode.INVALID_MESSAGE, "x".repeat(5000), "c-1");

        assertThat(e.toErrorReply().message()).hasSize(1000).endsWith("...");
    }

    @Test
    void transcriptTextMayBeEmptyWhilePartial() {
        TranscriptEvent event = new TranscriptEvent(UUID.randomUUID(), Speaker.CALLER, "", false, null, Instant.EPOCH);

        assertThat(event.isFinal()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "queued, QUEUED", "initiated, INITIATED", "ringing, RINGING", "in-progress, IN_PROGRESS",
            "completed, COMPLETED", "busy, BUSY", "no-answer, NO_ANSWER", "failed, FAILED", "canceled, CANCELED",
            "' In-Progress ', IN_PROGRESS"})
    void callStatusParsesTwilioValues(String twilio, CallStatus expected) {
        assertThat(CallStatus.fromTwilio(twilio)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reserved", "released", "answered", "in_progress", ""})
    void callStatusRefusesWhatTwilioDoesNotSend(String value) {
        assertThatThrownBy(() -> CallStatus.fromTwilio(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Twilio call status '" + value + "'");
        assertThatThrownBy(() -> CallStatus.fromTwilio(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void terminalStatusesAreTheEndsOfACall() {
        assertThat(java.util.Arrays.stream(CallStatus.values()).filter(CallStatus::isTerminal))
                .containsExactly(CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.NO_ANSWER, CallStatus.FAILED,
                        CallStatus.CANCELED, CallStatus.RELEASED);
    }

    @Test
    void protocolConstants() {
        assertThat(ChannelProtocol.PATH).isEqualTo("/channel/v1");
        assertThat(ChannelProtocol.typeName(ReserveCall.class)).isEqualTo("call.reserve");
        assertThat(ChannelProtocol.MESSAGE_TYPES).hasSize(25);
    }
}
