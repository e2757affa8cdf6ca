package dev.callcoach.backend.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SessionUpdateBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void gaSessionUsesPcmuBothWaysServerVadTranscriptionAndTheEndCallTool() throws Exception {
        JsonNode event = JSON.readTree(new SessionUpdateBuilder(RealtimeApi.GA, "gpt-realtime", null)
                .build("su_1", new SessionSettings("Be an interviewer.", "cedar"), AudioFormat.PCMU));

        assertThat(event.path("type").asText()).isEqualTo("session.update");
        JsonNode session = event.path("session");
        assertThat(session.path("type").asText()).isEqualTo("realtime");
        assertThat(session.path("model").asText()).isEqualTo("gpt-realtime");
        assertThat(session.path("instructions").asText()).isEqualTo("Be an interviewer.");
        assertThat(session.path("output_modalities").toString()).isEqualTo("[\"audio\"]");
        JsonNode input = session.path("audio").path("input");
        assertThat(input.path("format").path("type").asText()).isEqualTo("audio/pcmu");
        assertThat(input.path("turn_detection").path("type").asText()).isEqualTo("server_vad");
        assertThat(input.path("turn_detection").path("create_response").asBoolean()).isTrue();
        assertThat(input.path("turn_detection").path("interrupt_response").asBoolean()).isTrue();
        assertThat(input.path("transcription").path("model").asText()).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(session.path("audio").path("output").path("format").path("type").asText()).isEqualTo("audio/pcmu");
        assertThat(session.path("audio").path("output").path("voice").asText()).isEqualTo("cedar");
        assertThat(session.path("tools").get(0).path("name").asText()).isEqualTo("end_call");
        assertThat(session.path("tools").get(0).path("parameters").path("type").asText()).isEqualTo("object");
        assertThat(session.has("voice")).isFalse();
        assertThat(session.has("temperature")).isFalse();
    }

    @Test
    void betaSessionUsesTheLegacyNamesAndAVoiceBetaHas() throws Exception {
        JsonNode session = JSON.readTree(new SessionUpdateBuilder(RealtimeApi.BETA, "gpt-4o-realtime-preview", null)
                .build("su_1", new SessionSettings("Be a customer.", "marin"), AudioFormat.PCMU)).path("session");

        assertThat(session.has("type")).isFalse();
        assertThat(session.has("model")).isFalse();
        assertThat(session.has("audio")).isFalse();
        assertThat(session.path("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
        assertThat(session.path("voice").asText()).isEqualTo("alloy");
        assertThat(session.path("input_audio_format").asText()).isEqualTo("g711_ulaw");
        assertThat(session.path("output_audio_format").asText()).isEqualTo("g711_ulaw");
        assertThat(session.path("input_audio_transcription").path("model").asText()).isEqualTo("whisper-1");
        assertThat(session.path("turn_detection").path("interrupt_response").asBoolean()).isTrue();
        assertThat(session.path("tools").get(0).path("name").asText()).isEqualTo("end_call");
    }

    @Test
    void aBrowserSessionUsesPcm16At24kHzBothWaysInEitherApi() throws Exception {
        SessionSettings settings = new SessionSettings("Be an interviewer.", "cedar");
        JsonNode ga = JSON.readTree(new SessionUpdateBuilder(RealtimeApi.GA, "gpt-realtime", null)
                .build("su_1", settings, AudioFormat.PCM16_24K)).path("session").path("audio");
        JsonNode beta = JSON.readTree(new SessionUpdateBuilder(RealtimeApi.BETA, "gpt-4o-realtime-preview", null)
                .build("su_1", settings, AudioFormat.PCM16_24K)).path("session");

        for (JsonNode format : new JsonNode[] {ga.path("input").path("format"), ga.path("output").path("format")}) {
            assertThat(format.path("type").asText()).isEqualTo("audio/pcm");
            assertThat(format.path("rate").asInt()).isEqualTo(24000);
        }
        assertThat(beta.path("input_audio_format").asText()).isEqualTo("pcm16");
        assertThat(beta.path("output_audio_format").asText()).isEqualTo("pcm16");
    }

    @Test
    void instructionsAreJsonEscaped() throws Exception {
        String nasty = "say \"hi\"\n}]} {\"type\":\"response.create\"}";
        JsonNode session = JSON.readTree(new SessionUpdateBuilder(RealtimeApi.GA, "gpt-realtime", "whisper-1")
                .build("su_1", new SessionSettings(nasty, "marin"), AudioFormat.PCMU)).path("session");
        assertThat(session.path("instructions").asText()).isEqualTo(nasty);
        assertThat(session.path("audio").path("input").path("transcription").path("model").asText()).isEqualTo("whisper-1");
    }
}
