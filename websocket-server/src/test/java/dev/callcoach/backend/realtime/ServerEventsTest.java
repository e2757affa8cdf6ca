package dev.callcoach.backend.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.realtime.ServerEvent.AssistantTranscriptDelta;
import dev.callcoach.backend.realtime.ServerEvent.AssistantTranscriptDone;
import dev.callcoach.backend.realtime.ServerEvent.AudioDelta;
import dev.callcoach.backend.realtime.ServerEvent.CallerTranscriptDelta;
import dev.callcoach.backend.realtime.ServerEvent.CallerTranscriptDone;
import dev.callcoach.backend.realtime.ServerEvent.FunctionCall;
import dev.callcoach.backend.realtime.ServerEvent.Ignored;
import dev.callcoach.backend.realtime.ServerEvent.Malformed;
import dev.callcoach.backend.realtime.ServerEvent.ResponseCreated;
import dev.callcoach.backend.realtime.ServerEvent.ResponseDone;
import dev.callcoach.backend.realtime.ServerEvent.SpeechStarted;
import dev.callcoach.backend.realtime.ServerEvent.Unknown;
import dev.callcoach.backend.realtime.ServerEvent.Usage;
import org.junit.jupiter.api.Test;

class ServerEventsTest {

    @Test
    void audioDeltaInGaAndBetaNames() {
        assertThat(ServerEvents.parse("""
                {"type":"response.output_audio.delta","event_id":"e1","response_id":"r1","item_id":"i1",
                 "output_index":0,"content_index":0,"delta":"//8="}"""))
                .isEqualTo(new AudioDelta("i1", "//8="));
        assertThat(ServerEvents.parse("""
                {"type":"response.audio.delta","event_id":"e1","response_id":"r1","item_id":"i1","delta":"AA=="}"""))
                .isEqualTo(new AudioDelta("i1", "AA=="));
    }

    @Test
    void anAudioDeltaIsReadWhateverTheOrderOfItsMembersAndWithNestedOnes() {
        assertThat(ServerEvents.parse("{\"delta\":\"AA==\",\"item_id\":\"i1\",\"type\":\"response.output_audio.delta\"}"))
                .isEqualTo(new AudioDelta("i1", "AA=="));
        // Not flat: the streaming pass leaves it to the tree, which reads it the same.
        assertThat(ServerEvents.parse("{\"type\":\"response.output_audio.delta\",\"extra\":{\"a\":[1]},\"item_id\":\"i1\",\"delta\":\"AA==\"}"))
                .isEqualTo(new AudioDelta("i1", "AA=="));
        assertThat(ServerEvents.parse("{\"type\":\"response.output_audio.delta\",\"item_id\":\"i1\",\"delta\":7}"))
                .isEqualTo(new Malformed("response.output_audio.delta without 'delta'"));
    }

    @Test
    void speechStartedAndTranscripts() {
        assertThat(ServerEvents.parse("{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"u1\",\"audio_start_ms\":1520}"))
                .isEqualTo(new SpeechStarted("u1", 1520));
        assertThat(ServerEvents.parse("{\"type\":\"conversation.item.input_audio_transcription.delta\",\"item_id\":\"u1\",\"content_index\":0,\"delta\":\"Hel\"}"))
                .isEqualTo(new CallerTranscriptDelta("u1", "Hel"));
        assertThat(ServerEvents.parse("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u1\",\"content_index\":0,\"transcript\":\"Hello\"}"))
                .isEqualTo(new CallerTranscriptDone("u1", "Hello"));
        assertThat(ServerEvents.parse("{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"i1\",\"delta\":\"Hi\"}"))
                .isEqualTo(new AssistantTranscriptDelta("i1", "Hi"));
        assertThat(ServerEvents.parse("{\"type\":\"response.audio_transcript.done\",\"item_id\":\"i1\",\"transcript\":\"Hi there\"}"))
                .isEqualTo(new AssistantTranscriptDone("i1", "Hi there"));
    }

    @Test
    void functionCallsAndResponses() {
        assertThat(ServerEvents.parse("{\"type\":\"response.function_call_arguments.done\",\"response_id\":\"r\",\"item_id\":\"f\",\"call_id\":\"call_1\",\"name\":\"end_call\",\"arguments\":\"{}\"}"))
                .isEqualTo(new FunctionCall("call_1", "end_call", "{}"));
        assertThat(ServerEvents.parse("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}}"))
                .isEqualTo(new ResponseCreated("resp_1"));
        assertThat(ServerEvents.parse("""
                {"type":"response.done","response":{"id":"resp_1","status":"completed","usage":{"total_tokens":30,
                 "input_tokens":20,"output_tokens":10,"input_token_details":{"text_tokens":5,"audio_tokens":15,"cached_tokens":4},
                 "output_token_details":{"text_tokens":2,"audio_tokens":8}}}}"""))
                .isEqualTo(new ResponseDone("resp_1", "completed", new Usage(20, 10, 15, 8)));
        assertThat(ServerEvents.parse("{\"type\":\"response.done\",\"response\":{\"id\":\"r\",\"status\":\"cancelled\"}}"))
                .isEqualTo(new ResponseDone("r", "cancelled", Usage.NONE));
    }

    @Test
    void errorsKeepTheirDetails() {
        assertThat(ServerEvents.parse("{\"type\":\"error\",\"event_id\":\"e\",\"error\":{\"type\":\"invalid_request_error\",\"code\":\"bad\",\"message\":\"nope\",\"param\":null}}"))
                .isEqualTo(new ServerEvent.Error("invalid_request_error", "bad", "nope", null, null));
        assertThat(ServerEvents.parse("{\"type\":\"error\",\"event_id\":\"e\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"code\":\"invalid_value\",\"message\":\"no\",\"param\":\"session.audio\",\"event_id\":\"su_1\"}}"))
                .isEqualTo(new ServerEvent.Error("invalid_request_error", "invalid_value", "no", "session.audio", "su_1"));
    }

    @Test
    void failedAndIncompleteResponsesSayWhy() {
        assertThat(ServerEvents.parse("""
                {"type":"response.done","response":{"id":"r","status":"failed","status_details":{"type":"failed",
                 "error":{"type":"insufficient_quota","code":"insufficient_quota"}}}}"""))
                .isEqualTo(new ResponseDone("r", "failed", "insufficient_quota", null, Usage.NONE));
        assertThat(ServerEvents.parse("""
                {"type":"response.done","response":{"id":"r","status":"incomplete","status_details":{"type":"incomplete",
                 "reason":"max_output_tokens"}}}"""))
                .isEqualTo(new ResponseDone("r", "incomplete", null, "max_output_tokens", Usage.NONE));
    }

    @Test
    void sessionUpdatedSaysWhichOfOurFormatsIsUsedBothWays() {
        assertThat(ServerEvents.parse("""
                {"type":"session.updated","session":{"audio":{"input":{"format":{"type":"audio/pcmu"}},
                 "output":{"format":{"type":"audio/pcmu"}}}}}"""))
                .isEqualTo(new ServerEvent.SessionUpdated(AudioFormat.PCMU, "audio/pcmu"));
        assertThat(ServerEvents.parse("""
                {"type":"session.updated","session":{"audio":{"input":{"format":{"type":"audio/pcmu"}},
                 "output":{"format":{"type":"audio/pcm","rate":24000}}}}}"""))
                .isEqualTo(new ServerEvent.SessionUpdated(null, "audio/pcm"));
        assertThat(ServerEvents.parse("""
                {"type":"session.updated","session":{"input_audio_format":"g711_ulaw","output_audio_format":"g711_ulaw"}}"""))
                .isEqualTo(new ServerEvent.SessionUpdated(AudioFormat.PCMU, "g711_ulaw"));
        assertThat(ServerEvents.parse("""
                {"type":"session.updated","session":{"audio":{"input":{"format":{"type":"audio/pcm","rate":24000}},
                 "output":{"format":{"type":"audio/pcm","rate":24000}}}}}"""))
                .isEqualTo(new ServerEvent.SessionUpdated(AudioFormat.PCM16_24K, "audio/pcm"));
        assertThat(ServerEvents.parse("""
                {"type":"session.updated","session":{"input_audio_format":"pcm16","output_audio_format":"pcm16"}}"""))
                .isEqualTo(new ServerEvent.SessionUpdated(AudioFormat.PCM16_24K, "pcm16"));
        assertThat(ServerEvents.parse("{\"type\":\"session.updated\",\"session\":{}}"))
                .isEqualTo(new ServerEvent.SessionUpdated(null, null));
    }

    @Test
    void itemsKeepTheirPlaceAndFunctionNamesComeFromTheirItems() {
        assertThat(ServerEvents.parse("{\"type\":\"input_audio_buffer.committed\",\"item_id\":\"u1\",\"previous_item_id\":\"a0\"}"))
                .isEqualTo(new ServerEvent.ItemAdded("u1", "a0", true));
        assertThat(ServerEvents.parse("{\"type\":\"conversation.item.added\",\"previous_item_id\":null,"
                + "\"item\":{\"id\":\"a1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}"))
                .isEqualTo(new ServerEvent.ItemAdded("a1", null, false));
        assertThat(ServerEvents.parse("{\"type\":\"response.output_item.added\",\"item\":{\"id\":\"f\",\"type\":\"function_call\","
                + "\"call_id\":\"call_1\",\"name\":\"end_call\"}}"))
                .isEqualTo(new ServerEvent.FunctionCallItem("call_1", "end_call"));
        assertThat(ServerEvents.parse("{\"type\":\"response.function_call_arguments.done\",\"call_id\":\"call_1\",\"arguments\":\"{}\"}"))
                .isEqualTo(new ServerEvent.FunctionCall("call_1", null, "{}"));
        assertThat(ServerEvents.parse("{\"type\":\"conversation.item.input_audio_transcription.failed\",\"item_id\":\"u1\"}"))
                .isEqualTo(new ServerEvent.CallerTranscriptFailed("u1"));
    }

    @Test
    void knownUnusedUnknownAndMalformed() {
        assertThat(ServerEvents.parse("{\"type\":\"session.created\",\"session\":{}}")).isEqualTo(new Ignored("session.created"));
        assertThat(ServerEvents.parse("{\"type\":\"response.brand_new\"}")).isEqualTo(new Unknown("response.brand_new"));
        assertThat(ServerEvents.parse("{not json")).isInstanceOf(Malformed.class);
        assertThat(ServerEvents.parse("[]")).isInstanceOf(Malformed.class);
        assertThat(ServerEvents.parse("{\"type\":7}")).isInstanceOf(Malformed.class);
        assertThat(ServerEvents.parse("{\"type\":\"response.output_audio.delta\",\"item_id\":\"i\"}"))
                .isEqualTo(new Malformed("response.output_audio.delta without 'delta'"));
    }
}
