package dev.callcoach.webapp;

import dev.callcoach.webapp.call.service.CallService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole app starts on its defaults (no Twilio, no backend) and serves the page, its stylesheet and health. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "callcoach.channel.url=ws://127.0.0.1:1/channel/v1")
class ApplicationSmokeTest {

    @LocalServerPort
    int port;

    @Autowired
    CallService calls;

    @Test
    void servesThePageWithoutTwilioOrBackend() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/styles/callcoach.css").body()).contains(".cc-timeline");
        assertThat(get("/actuator/health").body()).contains("\"UP\"");
        assertThat(calls.availability().configured()).isFalse();
        assertThat(calls.availability().simulated()).isFalse();
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
