package dev.callcoach.simulator.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The failures the real API produces, on demand: failed and incomplete responses, refused updates, late transcripts, closes. */
class ScriptedFailuresTest {

    private static final String PCMU_WITH_TRANSCRIPTION = "{\"type\":\"session.update\",\"event_id\":\"evt_update_1\",\"session\":{"
            + "\"type\":\"realtime\",\"audio\":{\"input\":{\"format\":{\"type\":\"audio/pcmu\"},\"turn_detection\":null,"
            + "\"transcription\":{\"model\":\"gpt-4o-mini-transcribe\"}},\"output\":{\"format\":{\"type\":\"audio/pcmu\"}}},"
            + "\"tools\":[{\"type\":\"function\",\"name\":\"end_call\",\"description\":\"Hang up.\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{},\"required\":[]}}]}}";

    private final FakeRealtime realtime = FakeRealtime.builder().apiKey(RealtimeTestClient.KEY).start();

    @AfterEach
    void close() {
        realtime.close();
    }

    @Test
    void aFailedResponseCarriesTheErrorInItsStatusDetails() {
        realtime.script(SessionScript.defaults().failResponse(1, "insufficient_quota").failResponse(2, "rate_limit_exceeded"));
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send("{\"type\":\"response.create\"}");
            JsonNode done = client.next("response.done");
            assertThat(done.at("/response/status").asText()).isEqualTo("failed");
            assertThat(done.at("/response/status_details/type").asText()).isEqualTo("failed");
            assertThat(done.at("/response/status_details/error/type").asText()).isEqualTo("insufficient_quota");
            assertThat(done.at("/response/status_details/error/code").asText()).isEqualTo("insufficient_quota");
            assertThat(client.types()).doesNotContain("response.output_audio.delta");
            client.send("{\"type\":\"response.create\"}");
            assertThat(client.next("response.done").at("/response/status_details/error/code").asText()).isEqualTo("rate_limit_exceeded");
            client.send("{\"type\":\"response.create\"}");
            assertThat(client.next("response.done").at("/response/status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void anIncompleteResponseStopsHalfwayWithItsReason() {
        realtime.script(SessionScript.defaults().replies(Reply.say("One two three four.").lasting(Duration.ofMillis(1000)))
                .incompleteResponse(1, "max_output_tokens"));
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send("{\"type\":\"response.create\"}");
            JsonNode done = client.next("response.done");
            assertThat(done.at("/response/status").asText()).isEqualTo("incomplete");
            assertThat(done.at("/response/status_details/reason").asText()).isEqualTo("max_output_tokens");
            assertThat(done.at("/response/output/0/status").asText()).isEqualTo("incomplete");
            assertThat(client.types().stream().filter("response.output_audio.delta"::equals).count()).isEqualTo(5);
        }
    }

    @Test
    void aRejectedSessionUpdateEchoesTheEventIdAndKeepsTheDefaults() {
        realtime.script(SessionScript.defaults().rejectSessionUpdate());
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send(PCMU_WITH_TRANSCRIPTION);
            JsonNode error = client.next("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.at("/error/event_id").asText()).isEqualTo("evt_update_1");
            assertThat(error.at("/error/param").asText()).isNotEmpty();
            assertThat(client.types()).doesNotContain("session.updated");
            assertThat(realtime.lastSession().orElseThrow().session().at("/audio/output/format/type").asText()).isEqualTo("audio/pcm");
        }
    }

    @Test
    void callerTranscriptsCanLandAfterTheReplyOrFail() {
        realtime.script(SessionScript.defaults().transcriptionDelay(Duration.ofMillis(500)));
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send(PCMU_WITH_TRANSCRIPTION);
            client.next("session.updated");
            client.append(silence(200));
            client.send("{\"type\":\"input_audio_buffer.commit\"}");
            client.send("{\"type\":\"response.create\"}");
            client.next("conversation.item.input_audio_transcription.completed");
            assertThat(client.types()).containsSubsequence("input_audio_buffer.committed", "response.done",
                    "conversation.item.input_audio_transcription.completed");
        }
        realtime.script(SessionScript.defaults().failTranscriptions());
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send(PCMU_WITH_TRANSCRIPTION);
            client.next("session.updated");
            client.append(silence(200));
            client.send("{\"type\":\"input_audio_buffer.commit\"}");
            JsonNode failed = client.next("conversation.item.input_audio_transcription.failed");
            assertThat(failed.at("/error/message").asText()).isNotEmpty();
            assertThat(client.types()).doesNotContain("conversation.item.input_audio_transcription.completed");
        }
    }

    @Test
    void theFunctionNameCanBeLeftToTheItem() {
        realtime.script(SessionScript.defaults().replies(Reply.call("end_call", "{}")).omitFunctionCallName());
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send(PCMU_WITH_TRANSCRIPTION);
            client.next("session.updated");
            client.send("{\"type\":\"response.create\"}");
            assertThat(client.next("response.output_item.added").at("/item/name").asText()).isEqualTo("end_call");
            JsonNode arguments = client.next("response.function_call_arguments.done");
            assertThat(arguments.has("name")).isFalse();
            assertThat(arguments.path("call_id").asText()).isNotEmpty();
        }
    }

    @Test
    void theServerClosesWithACodeAndReportsRateLimitsAtEachResponse() throws Exception {
        realtime.script(SessionScript.defaults().closeAfter(Duration.ofMillis(800), 1011));
        try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            client.next("session.created");
            client.send("{\"type\":\"response.create\"}");
            client.next("rate_limits.updated");
            assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1011);
        }
    }

    @Test
    void faultsReadFromTextForTheStandaloneSimulator() {
        assertThat(SessionScript.defaults().withFault("fail-response 1 server_error").responseFault(1).code()).isEqualTo("server_error");
        assertThat(SessionScript.defaults().withFault("close-after 2s 1011").closeAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(SessionScript.defaults().withFault("transcription-delay 300ms").transcriptionDelay()).isEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(() -> SessionScript.defaults().withFault("explode")).hasMessageContaining("unknown realtime fault");
        assertThatThrownBy(() -> SessionScript.defaults().withFault("fail-response one x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> SessionScript.defaults().withFault("close-after 2s")).hasMessageContaining("argument");
    }

    private static byte[] silence(int ms) {
        byte[] audio = new byte[ms * 8];
        Arrays.fill(audio, (byte) 0xFF);
        return audio;
    }
}
