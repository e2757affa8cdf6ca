package dev.callcoach.simulator.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance: FakeRealtime refuses malformed client events like the API does, with an {@code error}
 * event of the real shape ({@code error.type/code/message/param/event_id}) and the socket left open.
 */
class ClientEventValidationTest {

    private static final FakeRealtime REALTIME = FakeRealtime.builder().apiKey(RealtimeTestClient.KEY).start();

    @AfterAll
    static void close() {
        REALTIME.close();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                ga("not JSON at all", "invalid_json", null, null),
                ga("[1,2]", "invalid_type", "event", null),
                ga("{\"event_id\":\"e1\"}", "missing_required_parameter", "type", "e1"),
                ga("{\"type\":42,\"event_id\":\"e2\"}", "invalid_type", "type", "e2"),
                ga("{\"type\":\"session.updat\",\"event_id\":\"e3\"}", "invalid_value", "type", "e3"),
                ga("{\"type\":\"session.update\",\"event_id\":7,\"session\":{\"type\":\"realtime\"}}", "invalid_type", "event_id", null),
                ga("{\"type\":\"session.update\",\"event_id\":\"e4\"}", "missing_required_parameter", "session", "e4"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e5\",\"session\":{\"instructions\":\"hi\"}}",
                        "missing_required_parameter", "session.type", "e5"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e6\",\"session\":{\"type\":\"realtime\",\"voice\":\"marin\"}}",
                        "unknown_parameter", "session.voice", "e6"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e7\",\"session\":{\"type\":\"realtime\",\"temperature\":0.8}}",
                        "unknown_parameter", "session.temperature", "e7"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e8\",\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":"
                        + "{\"turn_detection\":{\"type\":\"server_vad\",\"silence_duration\":500}}}}}",
                        "unknown_parameter", "session.audio.input.turn_detection.silence_duration", "e8"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e9\",\"session\":{\"type\":\"realtime\",\"instructions\":42}}",
                        "invalid_type", "session.instructions", "e9"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e10\",\"session\":{\"type\":\"realtime\",\"audio\":{\"output\":"
                        + "{\"format\":{\"type\":\"audio/mp3\"}}}}}", "invalid_value", "session.audio.output.format.type", "e10"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e11\",\"session\":{\"type\":\"realtime\",\"audio\":{\"output\":"
                        + "{\"voice\":\"nova\"}}}}", "invalid_value", "session.audio.output.voice", "e11"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e12\",\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":"
                        + "{\"turn_detection\":{\"type\":\"server_vad\",\"threshold\":1.5}}}}}",
                        "decimal_above_max_value", "session.audio.input.turn_detection.threshold", "e12"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e13\",\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":"
                        + "{\"format\":{\"type\":\"audio/pcm\",\"rate\":16000}}}}}",
                        "integer_below_min_value", "session.audio.input.format.rate", "e13"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e14\",\"session\":{\"type\":\"realtime\","
                        + "\"output_modalities\":[\"text\",\"audio\"]}}", "invalid_value", "session.output_modalities", "e14"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e15\",\"session\":{\"type\":\"realtime\",\"tools\":"
                        + "[{\"type\":\"function\",\"name\":\"end_call\",\"meta\":{}}]}}", "unknown_parameter", "session.tools[0].meta", "e15"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e16\",\"session\":{\"type\":\"realtime\",\"max_output_tokens\":\"lots\"}}",
                        "invalid_value", "session.max_output_tokens", "e16"),
                ga("{\"type\":\"session.update\",\"event_id\":\"e17\",\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime-mini\"}}",
                        "invalid_value", "session.model", "e17"),
                ga("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"e18\",\"audio\":\"***not base64***\"}",
                        "invalid_value", "audio", "e18"),
                ga("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"e19\"}", "missing_required_parameter", "audio", "e19"),
                ga("{\"type\":\"input_audio_buffer.commit\",\"event_id\":\"e20\"}", "input_audio_buffer_commit_empty", null, "e20"),
                ga("{\"type\":\"conversation.item.truncate\",\"event_id\":\"e21\",\"item_id\":\"item_x\",\"content_index\":0,"
                        + "\"audio_end_ms\":1520.5}", "invalid_type", "audio_end_ms", "e21"),
                ga("{\"type\":\"conversation.item.truncate\",\"event_id\":\"e22\",\"item_id\":\"item_x\",\"content_index\":0,"
                        + "\"audio_end_ms\":1520}", "invalid_value", "item_id", "e22"),
                ga("{\"type\":\"conversation.item.create\",\"event_id\":\"e23\",\"item\":{\"type\":\"message\",\"role\":\"assistant\","
                        + "\"content\":[{\"type\":\"output_audio\",\"audio\":\"AAAA\"}]}}", "invalid_value", "item.content[0].type", "e23"),
                ga("{\"type\":\"conversation.item.create\",\"event_id\":\"e24\",\"item\":{\"type\":\"function_call_output\","
                        + "\"call_id\":\"call_nope\",\"output\":\"{}\"}}", "invalid_value", "item.call_id", "e24"),
                ga("{\"type\":\"conversation.item.create\",\"event_id\":\"e25\",\"item\":{\"type\":\"message\",\"role\":\"robot\","
                        + "\"content\":[]}}", "invalid_value", "item.role", "e25"),
                ga("{\"type\":\"response.cancel\",\"event_id\":\"e26\"}", "response_cancel_not_active", null, "e26"),
                ga("{\"type\":\"response.create\",\"event_id\":\"e27\",\"response\":{\"modalities\":[\"audio\"]}}",
                        "unknown_parameter", "response.modalities", "e27"),
                ga("{\"type\":\"output_audio_buffer.clear\",\"event_id\":\"e28\"}", "invalid_value", "type", "e28"),
                beta("{\"type\":\"session.update\",\"event_id\":\"b1\",\"session\":{\"input_audio_format\":\"g711-ulaw\"}}",
                        "invalid_value", "session.input_audio_format", "b1"),
                beta("{\"type\":\"session.update\",\"event_id\":\"b2\",\"session\":{\"type\":\"realtime\"}}",
                        "unknown_parameter", "session.type", "b2"),
                beta("{\"type\":\"session.update\",\"event_id\":\"b3\",\"session\":{\"voice\":\"marin\"}}",
                        "invalid_value", "session.voice", "b3"),
                beta("{\"type\":\"session.update\",\"event_id\":\"b4\",\"session\":{\"temperature\":0.2}}",
                        "decimal_below_min_value", "session.temperature", "b4"),
                beta("{\"type\":\"session.update\",\"event_id\":\"b5\",\"session\":{\"modalities\":[\"audio\"]}}",
                        "invalid_value", "session.modalities", "b5"));
    }

    @ParameterizedTest(name = "[{index}] {2} {3}")
    @MethodSource("malformed")
    void refusedWithTheRealErrorShape(boolean beta, String event, String code, String param, String eventId) {
        try (RealtimeTestClient client = RealtimeTestClient.connect(REALTIME, beta)) {
            client.next("session.created");
            client.send(event);
            JsonNode error = client.next("error");

            assertThat(error.fieldNames()).toIterable().containsExactly("type", "event_id", "error");
            assertThat(error.path("event_id").asText()).startsWith("event_");
            JsonNode body = error.path("error");
            assertThat(body.fieldNames()).toIterable().containsExactly("type", "code", "message", "param", "event_id");
            assertThat(body.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(body.path("code").asText()).isEqualTo(code);
            assertThat(body.path("message").asText()).isNotBlank();
            assertThat(body.path("param").isNull() ? null : body.path("param").asText()).isEqualTo(param);
            assertThat(body.path("event_id").isNull() ? null : body.path("event_id").asText()).isEqualTo(eventId);

            // The socket stays open and the session unchanged: a valid event still works.
            client.send("{\"type\":\"input_audio_buffer.clear\"}");
            client.next("input_audio_buffer.cleared");
            RealtimeSession session = REALTIME.lastSession().orElseThrow();
            assertThat(session.clientEvents()).first().satisfies(e -> assertThat(e.raw()).isEqualTo(event));
            assertThat(session.errorsSent()).hasSize(1);
        }
    }

    @Test
    void messagesFollowTheApiWording() {
        try (RealtimeTestClient client = RealtimeTestClient.connect(REALTIME, false)) {
            client.next("session.created");
            client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"tools\":[{\"type\":\"function\","
                    + "\"name\":\"x\",\"meta\":1}]}}");
            assertThat(client.next("error").at("/error/message").asText()).isEqualTo("Unknown parameter: 'session.tools[0].meta'.");
            client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"instructions\":42}}");
            assertThat(client.next("error").at("/error/message").asText())
                    .isEqualTo("Invalid type for 'session.instructions': expected a string, but got an integer instead.");
            client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{\"output\":{\"format\":"
                    + "{\"type\":\"g711_ulaw\"}}}}}");
            assertThat(client.next("error").at("/error/message").asText())
                    .isEqualTo("Invalid value: 'g711_ulaw'. Supported values are: 'audio/pcm', 'audio/pcmu', and 'audio/pcma'.");
            client.send("{\"type\":\"input_audio_buffer.commit\"}");
            assertThat(client.next("error").at("/error/message").asText()).isEqualTo("Error committing input audio buffer: "
                    + "buffer too small. Expected at least 100ms of audio, but buffer only has 0.00ms of audio.");
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.next("error").at("/error/code").asText()).isEqualTo("invalid_json");
        }
    }

    private static Arguments ga(String event, String code, String param, String eventId) {
        return Arguments.of(false, event, code, param, eventId);
    }

    private static Arguments beta(String event, String code, String param, String eventId) {
        return Arguments.of(true, event, code, param, eventId);
    }
}
