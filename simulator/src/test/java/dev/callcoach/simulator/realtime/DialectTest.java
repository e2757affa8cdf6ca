package dev.callcoach.simulator.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.simulator.audio.AudioEncoding;
import dev.callcoach.simulator.http.Json;
import org.junit.jupiter.api.Test;

/** The GA/beta table of docs/protocols.md ("Realtime: beta differences"), read back from {@link Dialect}. */
class DialectTest {

    @Test
    void eventNames() {
        assertThat(Dialect.GA.audioDelta()).isEqualTo("response.output_audio.delta");
        assertThat(Dialect.GA.transcriptDone()).isEqualTo("response.output_audio_transcript.done");
        assertThat(Dialect.GA.textDelta()).isEqualTo("response.output_text.delta");
        assertThat(Dialect.GA.itemAdded()).isEqualTo("conversation.item.added");
        assertThat(Dialect.GA.itemDone()).contains("conversation.item.done");

        assertThat(Dialect.BETA.audioDone()).isEqualTo("response.audio.done");
        assertThat(Dialect.BETA.transcriptDelta()).isEqualTo("response.audio_transcript.delta");
        assertThat(Dialect.BETA.textDone()).isEqualTo("response.text.done");
        assertThat(Dialect.BETA.itemAdded()).isEqualTo("conversation.item.created");
        assertThat(Dialect.BETA.itemDone()).isEmpty();
    }

    @Test
    void settingsSitWhereEachDialectPutsThem() {
        var ga = Dialect.GA.initialSession("sess_1", "gpt-realtime");
        assertThat(ga.path("type").asText()).isEqualTo("realtime");
        assertThat(Dialect.GA.voiceIn(ga).asText()).isEqualTo("alloy");
        assertThat(Dialect.GA.turnDetectionIn(ga).path("type").asText()).isEqualTo("server_vad");
        assertThat(Dialect.GA.voiceParam()).isEqualTo("session.audio.output.voice");
        assertThat(Dialect.GA.outputFormatParam()).isEqualTo("session.audio.output.format");

        var beta = Dialect.BETA.initialSession("sess_1", "gpt-realtime");
        assertThat(beta.has("type")).isFalse();
        assertThat(beta.path(Dialect.BETA.modalitiesField())).hasSize(2);
        assertThat(Dialect.BETA.turnDetectionIn(beta).path("type").asText()).isEqualTo("server_vad");
        assertThat(Dialect.BETA.voiceParam()).isEqualTo("session.voice");
        assertThat(Dialect.BETA.outputFormatParam()).isEqualTo("session.output_audio_format");
    }

    @Test
    void audioFormatNames() {
        assertThat(Dialect.GA.encoding(Json.object().put("type", "audio/pcmu"))).isEqualTo(AudioEncoding.PCMU);
        assertThat(Dialect.GA.encoding(Json.object().put("type", "audio/pcm").put("rate", 24_000))).isEqualTo(AudioEncoding.PCM16_24K);
        assertThat(Dialect.BETA.encoding(Json.MAPPER.valueToTree("g711_alaw"))).isEqualTo(AudioEncoding.PCMA);
        assertThat(Dialect.BETA.encoding(Json.MAPPER.valueToTree("pcm16"))).isEqualTo(AudioEncoding.PCM16_24K);
    }

    @Test
    void handshakeHeaderPicksTheDialect() {
        assertThat(Dialect.requested(null)).isEqualTo(Dialect.GA);
        assertThat(Dialect.requested("realtime=v1")).isEqualTo(Dialect.BETA);
    }
}
