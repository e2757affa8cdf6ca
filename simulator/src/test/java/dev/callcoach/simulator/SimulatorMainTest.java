package dev.callcoach.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void parsesEveryFlag() {
        SimulatorOptions options = SimulatorOptions.parse("--host", "0.0.0.0", "--twilio-port", "0", "--realtime-port", "9999",
                "--account-sid", "AC0123456789abcdef0123456789abcdef", "--auth-token", "t", "--openai-key", "sk-x",
                "--url-rewrite", "wss://calls.example.com=ws://127.0.0.1:8080", "--script", "+15551234567=busy",
                "--default-script", "answer; hangup after 1s", "--transcript", "hello", "--reply", "Hi there");
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.realtimePort()).isEqualTo(9999);
        assertThat(options.urlRewrites()).containsEntry("wss://calls.example.com", "ws://127.0.0.1:8080");
        assertThat(options.scripts()).containsKey("+15551234567");
        assertThat(options.defaultScript().steps()).hasSize(2);
        assertThat(options.transcripts()).containsExactly("hello");
        assertThat(SimulatorOptions.parse().twilioPort()).isEqualTo(8089);
    }

    @Test
    void faultFlagsTurnIntoScriptsAndBadOnesAreRefusedAtStart() {
        SimulatorOptions options = SimulatorOptions.parse("--realtime-fault", "fail-response 2 server_error",
                "--realtime-fault", "reject-session-update", "--trial-verified", "+15551234567");
        assertThat(options.sessionScript().toString()).contains("rejectSessionUpdate=true").contains("server_error");
        assertThat(options.trialVerifiedNumbers()).containsExactly("+15551234567");
        assertThatThrownBy(() -> SimulatorOptions.parse("--realtime-fault", "explode")).hasMessageContaining("unknown realtime fault");
    }

    @Test
    void rejectsBadFlagsClearly() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--twilio-port", "http")).hasMessageContaining("port number");
        assertThatThrownBy(() -> SimulatorOptions.parse("--nope", "1")).hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> SimulatorOptions.parse("--host")).hasMessageContaining("missing value");
        assertThatThrownBy(() -> SimulatorOptions.parse("--script", "busy")).hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> SimulatorOptions.parse("--help")).hasMessage("help");
    }

    @Test
    void startsBothFakesOnOneVertxAndStopsThem() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse("--twilio-port", "0", "--realtime-port", "0");
        SimulatorMain.Simulators simulators = SimulatorMain.Simulators.start(options);
        try {
            assertThat(simulators.describe()).contains("twilio.baseUrl=http://127.0.0.1:", "realtime.url=ws://127.0.0.1:")
                    .doesNotContain("simulated-auth-token");
            HttpClient http = HttpClient.newHttpClient();
            for (String url : new String[] {simulators.twilio().baseUrl() + "/_sim/calls", simulators.realtime().baseUrl() + "/_sim/realtime/sessions"}) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
        } finally {
            simulators.close();
        }
        assertThat(simulators.vertx().deploymentIDs()).isEmpty();
    }
}
