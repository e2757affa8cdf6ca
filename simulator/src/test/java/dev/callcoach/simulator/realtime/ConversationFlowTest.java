package dev.callcoach.simulator.realtime;

import static dev.callcoach.simulator.realtime.VoiceActivityDetectorTest.concat;
import static dev.callcoach.simulator.realtime.VoiceActivityDetectorTest.silence;
import static dev.callcoach.simulator.realtime.VoiceActivityDetectorTest.speech;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callcoach.simulator.audio.SessionPattern;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A phone-bridge conversation against FakeRealtime: greeting, a VAD turn with transcript, a tool call, barge-in, truncate. */
class ConversationFlowTest {

    private static final String SESSION_UPDATE = """
            {"type":"session.update","event_id":"cfg-1","session":{"type":"realtime","instructions":"Be a restaurant host.",
             "audio":{"input":{"format":{"type":"audio/pcmu"},
                               "turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":500,
                                                 "create_response":true,"interrupt_response":true},
                               "transcription":{"model":"gpt-4o-transcribe","language":"en"}},
                      "output":{"format":{"type":"audio/pcmu"},"voice":"marin"}},
             "tools":[{"type":"function","name":"end_call","description":"Hang up","parameters":{"type":"object","properties":{}}}],
             "tool_choice":"auto"}}""";

    private final FakeRealtime realtime = FakeRealtime.builder().apiKey(RealtimeTestClient.KEY).start();

    @AfterEach
    void close() {
        realtime.close();
    }

    @Test
    void greetingTurnToolCallAndBargeIn() {
        realtime.script(SessionScript.defaults()
                .transcripts("I'd like a table for two.", "Actually, wait.")
                .replies(Reply.say("Hello! How can I help?").lasting(Duration.ofMillis(800)),
                        Reply.say("Of course, goodbye!").thenCall("end_call", "{\"reason\":\"booked\"}"),
                        Reply.say("A long answer the caller will interrupt.").lasting(Duration.ofSeconds(20))));
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send(SESSION_UPDATE);
            JsonNode updated = client.next("session.updated").path("session");
            assertThat(updated.at("/audio/input/format/type").asText()).isEqualTo("audio/pcmu");
            assertThat(updated.at("/audio/output/voice").asText()).isEqualTo("marin");
            assertThat(updated.at("/audio/output/speed").asDouble()).as("untouched fields keep their value").isEqualTo(1.0);
            assertThat(updated.at("/audio/input/turn_detection/idle_timeout_ms").isNull()).isTrue();
            RealtimeSession session = realtime.lastSession().orElseThrow();

            // Greeting: the client asks for the first response.
            int mark = client.seen.size();
            client.send("{\"type\":\"response.create\"}");
            JsonNode done = client.next("response.done");
            assertThat(client.typesSince(mark)).startsWith("response.created", "rate_limits.updated", "response.output_item.added",
                    "conversation.item.added", "response.content_part.added", "response.output_audio.delta")
                    .endsWith("response.output_audio.done", "response.output_audio_transcript.done", "response.content_part.done",
                            "response.output_item.done", "conversation.item.done", "response.done");
            byte[] greeting = audio(client.seen.subList(mark, client.seen.size()));
            assertThat(greeting).hasSize(800 * 8);
            assertThat(SessionPattern.sessionsIn(greeting)).containsOnlyKeys(session.index());
            assertThat(done.at("/response/status").asText()).isEqualTo("completed");
            assertThat(done.at("/response/output/0/content/0/type").asText()).isEqualTo("output_audio");
            assertThat(done.at("/response/output/0/content/0/transcript").asText()).isEqualTo("Hello! How can I help?");
            assertThat(done.at("/response/usage/output_token_details/audio_tokens").asInt()).isEqualTo(16);
            assertThat(done.at("/response/audio/output/voice").asText()).isEqualTo("marin");

            // The caller speaks: 300 ms silence, 1 s speech, 700 ms silence.
            mark = client.seen.size();
            client.append(concat(silence(300), speech(1000), silence(700)));
            JsonNode started = client.next("input_audio_buffer.speech_started");
            assertThat(started.path("audio_start_ms").asLong()).isZero();
            JsonNode stopped = client.next("input_audio_buffer.speech_stopped");
            assertThat(stopped.path("audio_end_ms").asLong()).isEqualTo(1800);
            assertThat(stopped.path("item_id").asText()).isEqualTo(started.path("item_id").asText());
            JsonNode transcript = client.next("conversation.item.input_audio_transcription.completed");
            assertThat(transcript.path("transcript").asText()).isEqualTo("I'd like a table for two.");
            JsonNode toolCall = client.next("response.function_call_arguments.done");
            assertThat(toolCall.path("name").asText()).isEqualTo("end_call");
            assertThat(toolCall.path("arguments").asText()).isEqualTo("{\"reason\":\"booked\"}");
            JsonNode second = client.next("response.done");
            assertThat(second.at("/response/output")).hasSize(2);
            assertThat(client.typesSince(mark)).startsWith("input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped",
                    "input_audio_buffer.committed", "conversation.item.added", "conversation.item.done",
                    "conversation.item.input_audio_transcription.delta");

            // The bridge answers the tool call; the next response is the long one (5 s to generate at 4x).
            client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\",\"call_id\":\""
                    + toolCall.path("call_id").asText() + "\",\"output\":\"{\\\"ok\\\":true}\"}}");
            client.next("conversation.item.done");
            client.send("{\"type\":\"response.create\"}");
            JsonNode firstDelta = client.next("response.output_audio.delta");
            String itemId = firstDelta.path("item_id").asText();

            // Barge-in: speech while the response runs cancels it.
            client.append(speech(200));
            client.next("input_audio_buffer.speech_started");
            JsonNode cancelled = client.next("response.done");
            assertThat(cancelled.at("/response/status").asText()).isEqualTo("cancelled");
            assertThat(cancelled.at("/response/status_details/reason").asText()).isEqualTo("turn_detected");
            assertThat(cancelled.at("/response/output/0/status").asText()).isEqualTo("incomplete");
            assertThat(client.types()).contains("response.output_audio.done");

            // Truncate is checked against the audio the item really has.
            long sentMs = session.serverEvents("response.output_audio.delta").stream()
                    .filter(e -> e.json().path("item_id").asText().equals(itemId))
                    .mapToLong(e -> Base64.getDecoder().decode(e.json().path("delta").asText()).length / 8).sum();
            client.send("{\"type\":\"conversation.item.truncate\",\"event_id\":\"t1\",\"item_id\":\"" + itemId
                    + "\",\"content_index\":0,\"audio_end_ms\":" + (sentMs + 40) + "}");
            JsonNode refused = client.next("error");
            assertThat(refused.at("/error/message").asText()).isEqualTo("Audio content of " + sentMs + "ms is already shorter than "
                    + (sentMs + 40) + "ms");
            assertThat(refused.at("/error/event_id").asText()).isEqualTo("t1");
            client.send("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + itemId + "\",\"content_index\":0,\"audio_end_ms\":"
                    + (sentMs - 10) + "}");
            JsonNode truncated = client.next("conversation.item.truncated");
            assertThat(truncated.path("audio_end_ms").asLong()).isEqualTo(sentMs - 10);
            assertThat(session.truncations()).extracting(RealtimeSession.Truncation::accepted).containsExactly(false, true);
            assertThat(session.truncations().getLast().itemAudioMs()).isEqualTo(sentMs);

            assertThat(session.clientEventTypes()).containsExactly("session.update", "response.create", "input_audio_buffer.append",
                    "conversation.item.create", "response.create", "input_audio_buffer.append", "conversation.item.truncate",
                    "conversation.item.truncate");
            assertThat(session.clientEvents().getFirst().eventId()).isEqualTo("cfg-1");
            assertThat(session.utteranceCount()).isEqualTo(1);
            assertThat(session.responseCount()).isEqualTo(3);
        }
    }

    @Test
    void clientCancelVoiceLockAndManualTurns() {
        realtime.script(SessionScript.defaults().audioSpeed(1).replies(Reply.say("one two three").lasting(Duration.ofSeconds(3))));
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":{\"format\":"
                    + "{\"type\":\"audio/pcmu\"},\"turn_detection\":null},\"output\":{\"format\":{\"type\":\"audio/pcmu\"}}}}}");
            assertThat(client.next("session.updated").at("/session/audio/input/turn_detection").isNull()).isTrue();

            client.send("{\"type\":\"response.create\"}");
            client.next("response.output_audio.delta");
            client.send("{\"type\":\"response.create\"}");
            assertThat(client.next("error").at("/error/code").asText()).isEqualTo("conversation_already_has_active_response");
            client.send("{\"type\":\"response.cancel\"}");
            assertThat(client.next("response.done").at("/response/status_details/reason").asText()).isEqualTo("client_cancelled");

            client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":\"cedar\"}}}}");
            assertThat(client.next("error").at("/error/code").asText()).isEqualTo("cannot_update_voice");

            // No VAD: speech produces no events until the client commits.
            client.append(concat(speech(500), silence(600)));
            client.send("{\"type\":\"input_audio_buffer.commit\"}");
            JsonNode committed = client.next("input_audio_buffer.committed");
            assertThat(client.types()).doesNotContain("input_audio_buffer.speech_started");
            client.send("{\"type\":\"conversation.item.retrieve\",\"item_id\":\"" + committed.path("item_id").asText() + "\"}");
            assertThat(client.next("conversation.item.retrieved").at("/item/role").asText()).isEqualTo("user");
            client.send("{\"type\":\"conversation.item.delete\",\"item_id\":\"" + committed.path("item_id").asText() + "\"}");
            client.next("conversation.item.deleted");
            client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"input_text\",\"text\":\"Hi\"}]}}");
            assertThat(client.next("conversation.item.added").at("/item/status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void betaNamesAndTextOnlyResponses() {
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, true)) {
            client.next("session.created");
            client.send("{\"type\":\"session.update\",\"session\":{\"input_audio_format\":\"g711_ulaw\",\"output_audio_format\":"
                    + "\"g711_ulaw\",\"voice\":\"verse\",\"input_audio_transcription\":{\"model\":\"whisper-1\"}}}");
            assertThat(client.next("session.updated").at("/session/output_audio_format").asText()).isEqualTo("g711_ulaw");
            client.send("{\"type\":\"response.create\"}");
            client.next("response.done");
            assertThat(client.types()).contains("response.audio.delta", "response.audio_transcript.done", "conversation.item.created")
                    .doesNotContain("response.output_audio.delta", "conversation.item.added", "conversation.item.done");
            client.send("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\"]}}");
            JsonNode textDone = client.next("response.text.done");
            assertThat(textDone.path("text").asText()).isEqualTo("This is simulated reply number 2.");
            assertThat(client.next("response.done").at("/response/output/0/content/0/type").asText()).isEqualTo("text");
        }
    }

    @Test
    void idleTimeoutPromptsTheCallerAfterTheReplyHasPlayed() {
        realtime.script(SessionScript.defaults().replies(Reply.say("Hello?"), Reply.say("Are you still there?")));
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":"
                    + "{\"type\":\"server_vad\",\"idle_timeout_ms\":5000}}}}}");
            client.next("session.updated");
            client.send("{\"type\":\"response.create\"}");
            client.next("response.done");
            int mark = client.seen.size();
            JsonNode timeout = client.next("input_audio_buffer.timeout_triggered"); // about 5.5 s later: nobody spoke
            assertThat(timeout.path("item_id").asText()).startsWith("item_");
            assertThat(client.next("response.done").at("/response/output/0/content/0/transcript").asText())
                    .isEqualTo("Are you still there?");
            assertThat(client.typesSince(mark)).startsWith("input_audio_buffer.timeout_triggered", "response.created");
        }
    }

    private static byte[] audio(List<JsonNode> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.stream().filter(e -> e.path("type").asText().equals("response.output_audio.delta"))
                .forEach(e -> out.writeBytes(Base64.getDecoder().decode(e.path("delta").asText())));
        return out.toByteArray();
    }
}
