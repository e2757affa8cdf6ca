package dev.callcoach.simulator.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callcoach.simulator.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class RealtimeInspectionApiTest {

    @Test
    void sessionsAndTheirEventsAsJson() throws Exception {
        try (FakeRealtime realtime = FakeRealtime.builder().apiKey(RealtimeTestClient.KEY).recordAudioPayloads(false).start();
             RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
            String id = client.next("session.created").at("/session/id").asText();
            client.append(new byte[9600]); // 200 ms of the default 24 kHz PCM16
            client.send("{\"type\":\"input_audio_buffer.commit\",\"event_id\":\"c1\"}");
            client.next("input_audio_buffer.committed");

            JsonNode list = get(realtime, "/_sim/realtime/sessions");
            assertThat(list.path("openSessionCount").asInt()).isEqualTo(1);
            assertThat(list.at("/sessions/0/id").asText()).isEqualTo(id);
            assertThat(list.at("/sessions/0/inputAudioMs").asLong()).isEqualTo(200);
            JsonNode detail = get(realtime, "/_sim/realtime/sessions/" + id);
            assertThat(detail.at("/session/audio/input/format/type").asText()).isEqualTo("audio/pcm");
            assertThat(detail.path("dialect").asText()).isEqualTo("GA");
            JsonNode events = get(realtime, "/_sim/realtime/sessions/" + id + "/events");
            assertThat(events.path("client")).extracting(e -> e.path("type").asText())
                    .containsExactly("input_audio_buffer.append", "input_audio_buffer.commit");
            assertThat(events.at("/client/0/raw").asText()).as("payloads off: the audio is replaced by its length")
                    .contains("<12800 base64 chars>");
            assertThat(events.at("/server/0/type").asText()).isEqualTo("session.created");
        }
    }

    @Test
    void faultsAreSwitchedOnOverHttpForSessionsOpenedAfterwards() throws Exception {
        try (FakeRealtime realtime = FakeRealtime.builder().apiKey(RealtimeTestClient.KEY).start()) {
            assertThat(post(realtime, "{\"faults\":[\"fail-response 1 insufficient_quota\"]}").statusCode()).isEqualTo(200);
            try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
                client.next("session.created");
                client.send("{\"type\":\"response.create\"}");
                assertThat(client.next("response.done").at("/response/status_details/error/code").asText()).isEqualTo("insufficient_quota");
            }
            HttpResponse<String> bad = post(realtime, "{\"faults\":[\"explode\"]}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("unknown realtime fault");
            assertThat(post(realtime, "{\"faults\":[]}").statusCode()).isEqualTo(200);
            try (RealtimeTestClient client = RealtimeTestClient.connect(realtime, false)) {
                client.next("session.created");
                client.send("{\"type\":\"response.create\"}");
                assertThat(client.next("response.done").at("/response/status").asText()).isEqualTo("completed");
            }
        }
    }

    private static HttpResponse<String> post(FakeRealtime realtime, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realtime.baseUrl() + "/_sim/realtime/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(FakeRealtime realtime, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realtime.baseUrl() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
