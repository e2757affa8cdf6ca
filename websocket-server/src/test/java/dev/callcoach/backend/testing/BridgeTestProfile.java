package dev.callcoach.backend.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The backend with FakeRealtime in place of OpenAI, for tests of whole calls. The global caps are
 * raised so fifty calls can run at once; the limiter's own tests check the caps.
 */
public class BridgeTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "callcoach.limiter.concurrent-cap", "64",
                "callcoach.limiter.daily-cap", "1000");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeRealtimeResource.class));
    }
}
