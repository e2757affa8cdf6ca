package dev.callcoach.backend.testing;

import static org.awaitility.Awaitility.await;

import dev.callcoach.simulator.realtime.FakeRealtime;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A backend test that places whole calls: one FakeTwilio for the test class, started against the running
 * backend; a clean database for each test; and, after each test, no Realtime session left open, which is
 * the bridge's first promise. Subclasses carry {@code @QuarkusTest} and {@link BridgeTestProfile}.
 */
public abstract class SimulatedCallTest {

    protected static SimulatedTwilio twilio;

    @TestHTTPResource("/")
    protected URI base;
    @Inject
    protected Pool pool;

    protected final FakeRealtime realtime = FakeRealtimeResource.realtime();

    @BeforeEach
    void cleanDatabaseAndTwilio() {
        Databases.truncate(pool);
        if (twilio == null) {
            twilio = SimulatedTwilio.start(base);
        }
    }

    @AfterEach
    void noRealtimeSessionOutlivesItsCall() {
        await().atMost(Duration.ofSeconds(5)).until(() -> realtime.openSessionCount() == 0);
        FakeRealtimeResource.reset();
    }

    @AfterAll
    static void stopTwilio() {
        if (twilio != null) {
            twilio.close();
            twilio = null;
        }
    }
}
