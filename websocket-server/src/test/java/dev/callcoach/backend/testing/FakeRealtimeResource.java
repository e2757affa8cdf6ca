package dev.callcoach.backend.testing;

import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.realtime.SessionScript;
import dev.callcoach.simulator.responses.ResponsesFault;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * FakeRealtime on a free port in place of {@code wss://api.openai.com} (its {@code /v1/responses} grades
 * the calls, answering within two seconds or counting as timed out), and a public base URL that
 * only FakeTwilio's URL rewriting resolves, as the real Twilio would reach the backend through Fly.
 * Used through {@link BridgeTestProfile}.
 */
public class FakeRealtimeResource implements QuarkusTestResourceLifecycleManager {

    /** The public origin Twilio is told about; FakeTwilio maps it to the test server. */
    public static final String PUBLIC_ORIGIN = "https://calls.example.test";
    public static final String API_KEY = "sk-test-simulator";

    private static FakeRealtime realtime;

    /** The running FakeRealtime; tests script it and reset it with {@link #reset()}. */
    public static FakeRealtime realtime() {
        return realtime;
    }

    /** Back to default behaviour for the next test. */
    public static void reset() {
        realtime.script(SessionScript.defaults());
        realtime.responses().fault(ResponsesFault.NONE);
    }

    @Override
    public Map<String, String> start() {
        realtime = FakeRealtime.builder().apiKey(API_KEY).start();
        return Map.of(
                "callcoach.openai.api-key", API_KEY,
                "callcoach.openai.realtime-url", realtime.webSocketBaseUrl() + "/v1/realtime",
                "callcoach.openai.connect-timeout", "2s",
                "callcoach.report.base-url", realtime.apiBaseUrl(),
                "callcoach.report.timeout", "2s",
                "callcoach.report.max-retries", "0",
                "callcoach.public-base-url", PUBLIC_ORIGIN);
    }

    @Override
    public void stop() {
        if (realtime != null) {
            realtime.close();
        }
    }
}
