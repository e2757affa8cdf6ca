package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.contracts.examples.ContractExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad frames are refused with a code and a message fit for the peer, never a Jackson text. */
class ChannelCodecTest {

    /** Fields that may be absent or null; every other field of every message is required. */
    private static final Set<String> NULLABLE = Set.of(
            "phone.limit.status.nextAllowedAt", "call.status.detail", "transcript.itemId", "error.correlationId",
            "report.status.reportToken", "report.status.detail", "report.details.report");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelCodec codec = new ChannelCodec();

    private ChannelProtocolException refused(String frame) {
        return assertThrows(ChannelProtocolException.class, () -> codec.decode(frame));
    }

    private static ObjectNode example(String name) {
        try {
            return (ObjectNode) JSON.readTree(ContractExamples.json(name));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t"})
    void emptyFrameIsMalformed(String frame) {
        ChannelProtocolException e = refused(frame);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.getMessage()).isEqualTo("empty frame");
        assertThat(e.correlationId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"ack\",\"correlationId\":\"c-1\"",
            "{\"type\":\"ack\" \"correlationId\":\"c-1\"}",
            "{type:\"ack\"}",
            "{\"type\":\"ack\",\"correlationId\":\"c-1\"} trailing",
            "{\"type\":\"ack\",\"correlationId\":\"c-1\",\"correlationId\":\"c-2\"}",
            "not json at all"})
    void malformedJsonIsRefusedWithItsPosition(String frame) {
        ChannelProtocolException e = refused(frame);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.getMessage()).startsWith("malformed JSON").doesNotContain("com.fasterxml", "Source:");
        assertThat(e.correlationId()).isNull();
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThat(refused("{\n  \"type\": \"ack\",\n  \"correlationId\" \"c-1\"\n}").getMessage())
                .startsWith("malformed JSON at line 3, column ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"ack\"", "42", "null", "true"})
    void jsonThatIsNotAnObjectIsInvalid(String frame) {
        ChannelProtocolException e = refused(frame);

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(e.getMessage()).isEqualTo("a message must be a JSON object");
    }

    @Test
    void unknownTypeIsNamedAndCorrelationIdRecovered() {
        ChannelProtocolException e = refused("{\"type\":\"call.teleport\",\"correlationId\":\"c-7\"}");

        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.getMessage()).isEqualTo("unknown message type 'call.teleport'");
        assertThat(e.correlationId()).isEqualTo("c-7");
        assertThat(e.toErrorReply()).isEqualTo(new ErrorReply("c-7", ErrorCode.UNKNOWN_TYPE, e.getMessage()));
    }

    @Test
    void longOrOddUnknownTypeIsNotQuotedBack() {
        assertThat(refused("{\"type\":\"" + "x".repeat(500) + "\"}").getMessage()).isEqualTo("unknown message type");
        assertThat(refused("{\"type\":\"a\\nb\"}").getMessage()).isEqualTo("unknown message type");
    }

    @Test
    void missingTypeIsInvalid() {
        ChannelProtocolException e = refused("{\"correlationId\":\"c-8\",\"sessionId\":\"" + UUID.randomUUID() + "\"}");

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(e.getMessage()).isEqualTo("missing required field 'type'");
        assertThat(e.correlationId()).isEqualTo("c-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "true", "{\"name\":\"ack\"}", "[\"ack\"]"})
    void typeThatIsNotAStringIsInvalid(String type) {
        ChannelProtocolException e = refused("{\"type\":" + type + ",\"correlationId\":\"c-9\"}");

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(e.getMessage()).isEqualTo("field 'type' must be a string");
        assertThat(e.correlationId()).isEqualTo("c-9");
    }

    static Stream<Arguments> requiredFields() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : ContractExamples.channelExampleNames()) {
            example(name).fieldNames().forEachRemaining(field -> {
                if (!field.equals("type") && !NULLABLE.contains(name + "." + field)) {
                    cases.add(Arguments.of(name, field));
                }
            });
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void missingOrNullRequiredFieldIsNamed(String name, String field) {
        ObjectNode missing = example(name);
        missing.remove(field);
        ObjectNode nulled = example(name);
        nulled.putNull(field);

        ChannelProtocolException whenMissing = refused(missing.toString());
        ChannelProtocolException whenNull = refused(nulled.toString());

        assertThat(whenMissing.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(whenMissing.getMessage()).isEqualTo("missing required field '" + field + "'");
        assertThat(whenMissing.correlationId()).isEqualTo(missing.path("correlationId").textValue());
        // Null in a number or boolean is a wrong type rather than a missing field; either way it is named.
        assertThat(whenNull.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(whenNull.getMessage()).contains("'" + field + "'");
    }

    /**
     * Absent and null required numbers or booleans fail inside Jackson with the same exception type; the
     * codec tells them apart by the input, never by the wording of Jackson's message.
     */
    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("requiredPrimitives")
    void absentRequiredPrimitiveIsMissingWhileNullIsAWrongType(String name, String field, String expected) {
        ObjectNode absent = example(name);
        absent.remove(field);
        ObjectNode nulled = example(name);
        nulled.putNull(field);

        assertThat(refused(absent.toString()).getMessage()).isEqualTo("missing required field '" + field + "'");
        assertThat(refused(nulled.toString()).getMessage()).isEqualTo("field '" + field + "' must be " + expected);
    }

    static Stream<Arguments> requiredPrimitives() {
        return Stream.of(
                Arguments.of("phone.limit.status", "limit", "a whole number"),
                Arguments.of("phone.limit.status", "windowMinutes", "a whole number"),
                Arguments.of("call.refused", "retryAfterSeconds", "a whole number"),
                Arguments.of("transcript", "final", "true or false"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone.limit.status.nextAllowedAt", "call.status.detail", "transcript.itemId",
            "error.correlationId", "report.status.reportToken", "report.status.detail"})
    void nullableFieldMayBeLeftOut(String nameAndField) {
        int dot = nameAndField.lastIndexOf('.');
        ObjectNode frame = example(nameAndField.substring(0, dot));
        frame.remove(nameAndField.substring(dot + 1));
        if (frame.path("type").asText().equals("phone.limit.status")) {
            frame.put("callsLeft", 1);
        }

        assertThat(codec.decode(frame.toString())).isNotNull();
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("phone.limit.status", "limit", "\"2\"", "field 'limit' must be a whole number"),
                Arguments.of("phone.limit.status", "limit", "2.5", "field 'limit' must be a whole number"),
                Arguments.of("phone.limit.status", "limit", "true", "field 'limit' must be a whole number"),
                Arguments.of("phone.limit.status", "limit", "99999999999", "field 'limit' is out of range"),
                Arguments.of("phone.limit.status", "nextAllowedAt", "\"yesterday\"",
                        "field 'nextAllowedAt' must be an ISO-8601 UTC time like 2025-01-31T12:00:00Z"),
                Arguments.of("phone.limit.status", "nextAllowedAt", "1741966927",
                        "field 'nextAllowedAt' must be an ISO-8601 UTC time like 2025-01-31T12:00:00Z"),
                Arguments.of("call.reserved", "sessionId", "\"session-1\"", "field 'sessionId' must be a UUID"),
                Arguments.of("call.reserved", "correlationId", "42", "field 'correlationId' must be a string"),
                Arguments.of("call.reserve", "phoneNumber", "14155550123", "field 'phoneNumber' must be a string"),
                Arguments.of("call.reserve", "scenarioConfig", "\"role=dev\"",
                        "field 'scenarioConfig' must be an object"),
                Arguments.of("call.reserve", "scenarioConfig", "{\"yearsOfExperience\": 2}",
                        "field 'scenarioConfig.yearsOfExperience' must be a string"),
                Arguments.of("call.refused", "reason", "\"BORED\"", "field 'reason' must be one of PHONE_LIMIT, "
                        + "CONCURRENCY_CAP, DAILY_CAP, INVALID_NUMBER, UNKNOWN_SCENARIO, INVALID_CONFIG, UNAVAILABLE, CALLING_PAUSED, BUSY"),
                Arguments.of("call.refused", "reason", "0", "field 'reason' must be one of PHONE_LIMIT, "
                        + "CONCURRENCY_CAP, DAILY_CAP, INVALID_NUMBER, UNKNOWN_SCENARIO, INVALID_CONFIG, UNAVAILABLE, CALLING_PAUSED, BUSY"),
                Arguments.of("call.status", "status", "\"IN_PROGRESS\"", "field 'status' must be one of reserved, "
                        + "queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled, "
                        + "released"),
                Arguments.of("transcript", "final", "\"yes\"", "field 'final' must be true or false"),
                Arguments.of("transcript", "speaker", "\"BOT\"", "field 'speaker' must be one of AI, CALLER"),
                Arguments.of("scenario.catalog", "scenarios", "{}", "field 'scenarios' must be an array"),
                Arguments.of("report.status", "state", "\"done\"",
                        "field 'state' must be one of preparing, ready, failed, none"),
                Arguments.of("report.get", "reportToken", "\"short\"",
                        "field 'reportToken' must be 22 to 128 base64url characters"),
                Arguments.of("report.delete", "reportToken", "\"" + "a".repeat(40) + "/\"",
                        "field 'reportToken' must be 22 to 128 base64url characters"),
                Arguments.of("report.details", "transcript", "{}", "field 'transcript' must be an array"));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("wrongTypes")
    void wrongFieldTypeIsNamed(String name, String field, String badValue, String expected) throws IOException {
        ObjectNode frame = example(name);
        frame.set(field, JSON.readTree(badValue));

        ChannelProtocolException e = refused(frame.toString());

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(e.getMessage()).isEqualTo(expected);
        assertThat(e.correlationId()).isEqualTo(frame.path("correlationId").textValue());
    }

    @Test
    void nestedErrorsNameTheirPath() throws IOException {
        ObjectNode frame = example("scenario.catalog");
        ((ObjectNode) frame.at("/scenarios/0/fields/2")).put("type", "radio");

        assertThat(refused(frame.toString()).getMessage())
                .isEqualTo("field 'scenarios[0].fields[2].type' must be one of text, textarea, select, number, boolean");

        frame = example("scenario.catalog");
        ((ObjectNode) frame.at("/scenarios/0/fields/2")).putArray("options");

        assertThat(refused(frame.toString()).getMessage())
                .isEqualTo("invalid 'scenarios[0].fields[2]': select field 'difficulty' needs 1 to 50 options, has 0");
    }

    @Test
    void recordRulesAreReportedWithoutQuotingThePhoneNumber() {
        ObjectNode frame = example("call.reserve");
        frame.put("phoneNumber", "0412 345 678");

        ChannelProtocolException e = refused(frame.toString());

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(e.getMessage()).isEqualTo("field 'phoneNumber' must be an E.164 number like +14155550123");
        assertThat(e.correlationId()).isEqualTo("c-0002");
    }

    @Test
    void invalidCorrelationIdIsRefusedAndNotEchoed() {
        ObjectNode frame = example("call.end");
        frame.put("correlationId", "x".repeat(65));

        ChannelProtocolException e = refused(frame.toString());

        assertThat(e.getMessage()).isEqualTo("field 'correlationId' must be 1 to 64 visible ASCII characters");
        assertThat(e.correlationId()).isNull();
        assertThat(e.toErrorReply().correlationId()).isNull();
    }

    @Test
    void unknownFieldsAreIgnoredSoPeersCanAddOptionalOnes() {
        ObjectNode frame = example("ack");
        frame.put("addedInALaterRelease", "whatever");

        assertThat(codec.decode(frame.toString())).isEqualTo(new Ack("c-0005"));
    }

    @Test
    void frameOverTheLimitIsRefusedBeforeParsing() {
        String padding = " ".repeat(ChannelProtocol.MAX_FRAME_BYTES);
        ChannelProtocolException e = refused("{\"type\":\"ack\",\"correlationId\":\"c-1\"}" + padding);

        assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("frame is larger than the 65536-byte limit");
        assertThat(e.correlationId()).isNull();
    }

    @Test
    void frameLimitCountsUtf8BytesNotCharacters() {
        // 30,000 three-byte characters: well under the limit in chars, over it in bytes.
        String text = "€".repeat(30_000);
        String frame = "{\"type\":\"transcript\",\"sessionId\":\"" + UUID.randomUUID()
                + "\",\"speaker\":\"AI\",\"text\":\"" + text + "\",\"final\":true,\"at\":\"2025-01-01T00:00:00Z\"}";

        assertThat(refused(frame).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(codec.decode(frame.replace(text, "€".repeat(20_000)))).isInstanceOf(TranscriptEvent.class);
    }

    @Test
    void oneMegabyteFrameIsRefused() {
        assertThat(refused("x".repeat(1 << 20)).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    }

    @Test
    void encodingAMessageOverTheLimitFailsAtTheSender() {
        ReserveCall huge = new ReserveCall("c-big", "+14155550123", "job-interview",
                Map.of("background", "a".repeat(ChannelProtocol.MAX_FRAME_BYTES)), "marin");

        assertThatThrownBy(() -> codec.encode(huge))
                .isInstanceOfSatisfying(ChannelProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
                    assertThat(e.correlationId()).isEqualTo("c-big");
                    assertThat(e.getMessage()).startsWith("encoded call.reserve message is ");
                });
    }

    @Test
    void reportDetailsMayOnlyCarryAReportWhenReady() {
        ObjectNode frame = example("report.details");
        frame.put("state", "failed");

        assertThat(refused(frame.toString()).getMessage())
                .isEqualTo("field 'report' must be present exactly when the state is ready");
        frame.putNull("report");
        assertThat(codec.decode(frame.toString())).isInstanceOf(ReportDetails.class);
    }

    @Test
    void reportScoresOutsideOneToFiveAreRefusedWithTheirPath() {
        ObjectNode frame = example("report.details");
        ((ObjectNode) frame.at("/report/criteria/1")).put("score", 6);

        assertThat(refused(frame.toString()).getMessage()).isEqualTo("invalid 'report.criteria[1]': field 'score' must be 1 to 5");

        frame = example("report.details");
        ((ObjectNode) frame.at("/report/criteria/1")).remove("score");
        assertThat(refused(frame.toString()).getMessage()).isEqualTo("missing required field 'report.criteria[1].score'");
    }

    @Test
    void aReportNeedsTwoOrThreeStrengthsAndNextSteps() {
        ObjectNode frame = example("report.details");
        ((com.fasterxml.jackson.databind.node.ArrayNode) frame.at("/report/strengths")).remove(1);

        assertThat(refused(frame.toString()).getMessage())
                .isEqualTo("invalid 'report': field 'strengths' must hold 2 to 3 entries");
    }

    @Test
    void instantsAreWrittenAsIsoStrings() {
        String json = codec.encode(ContractExamples.message("call.status"));

        assertThat(json).contains("\"at\":\"2025-03-14T15:19:52.318Z\"").startsWith("{\"type\":\"call.status\"");
    }

    @Test
    void callEndedCarriesACodeAndWhetherTheCallCounted() {
        UUID session = UUID.randomUUID();
        CallEnded ended = new CallEnded(session, EndReason.AI_UNAVAILABLE, false, java.time.Instant.parse("2025-03-14T15:20:07Z"));
        String frame = codec.encode(ended);
        assertThat(frame).contains("\"reason\":\"AI_UNAVAILABLE\"").contains("\"counted\":false");
        assertThat(codec.decode(frame)).isEqualTo(ended);
        assertThat(refused(frame.replace("AI_UNAVAILABLE", "EXPLODED")).code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(refused(frame.replace(",\"counted\":false", "")).code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }
}
