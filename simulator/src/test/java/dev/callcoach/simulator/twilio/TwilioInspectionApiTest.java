package dev.callcoach.simulator.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import dev.callcoach.simulator.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TwilioInspectionApiTest {

    private static final TestBackend BACKEND = new TestBackend(TwilioTestSupport.AUTH_TOKEN);
    private static final FakeTwilio TWILIO = TwilioTestSupport.fakeTwilio(BACKEND).start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void close() {
        TWILIO.close();
        BACKEND.close();
    }

    @Test
    void callsAreListedAndDetailedWithMaskedNumbers() throws Exception {
        BACKEND.twiml.put("/twiml", "<Response><Hangup/></Response>");
        Call created = Call.creator(new PhoneNumber(TwilioTestSupport.TO), new PhoneNumber(TwilioTestSupport.FROM),
                URI.create(TestBackend.PUBLIC_HTTP + "/twiml")).setStatusCallback(URI.create(TestBackend.PUBLIC_HTTP + "/status"))
                .create(TwilioTestSupport.sdk(TWILIO));
        SimulatedCall call = TWILIO.call(created.getSid()).orElseThrow();
        call.whenEnded().toCompletableFuture().get(5, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().until(() -> call.statusCallbacks().size() == 1);

        JsonNode list = get("/_sim/calls", 200);
        assertThat(list).anySatisfy(c -> assertThat(c.path("sid").asText()).isEqualTo(created.getSid()));
        JsonNode detail = get("/_sim/calls/" + created.getSid(), 200);
        assertThat(detail.path("status").asText()).isEqualTo("completed");
        assertThat(detail.path("endReason").asText()).isEqualTo("HANGUP_VERB");
        assertThat(detail.path("to").asText()).isEqualTo("+6********56");
        assertThat(detail.toString()).doesNotContain("491570156").doesNotContain("5550006");
        assertThat(detail.at("/statusCallbacks/0/params/CallStatus").asText()).isEqualTo("completed");
        assertThat(detail.at("/twimlRequests/0/responseStatus").asInt()).isEqualTo(200);
        assertThat(detail.path("statusHistory")).hasSize(5);

        assertThat(HTTP.send(request("/_sim/calls/" + created.getSid() + "/heard.ulaw").build(), HttpResponse.BodyHandlers.ofByteArray())
                .body()).isEmpty();
        get("/_sim/calls/CA123", 404);
    }

    @Test
    void scriptsCanBeSetOverHttp() throws Exception {
        HttpResponse<String> ok = HTTP.send(request("/_sim/scripts").POST(HttpRequest.BodyPublishers.ofString(
                "{\"to\":\"+15551230000\",\"script\":\"answer after 2s; speak 1s; hangup\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(TWILIO.scripts().get("+15551230000").toString()).isEqualTo("answer after 2000ms; speak 1000ms; hangup");
        assertThat(get("/_sim/scripts", 200).path("+1********00").asText()).startsWith("answer after 2000ms");
        for (String bad : new String[] {"nope", "{\"to\":\"+1555\"}", "{\"to\":\"*\",\"script\":\"answer; sing 1s\"}"}) {
            HttpResponse<String> refused = HTTP.send(request("/_sim/scripts").POST(HttpRequest.BodyPublishers.ofString(bad)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(refused.body()).path("error").asText()).isNotBlank();
        }
    }

    private static JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(status);
        return Json.MAPPER.readTree(response.body());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(TWILIO.baseUrl() + path));
    }
}
