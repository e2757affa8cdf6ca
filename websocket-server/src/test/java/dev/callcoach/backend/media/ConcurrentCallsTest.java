package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.testing.BridgeTestProfile;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.FakeRealtimeResource;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.SimulatedTwilio;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.simulator.audio.SessionPattern;
import dev.callcoach.simulator.twilio.CallerScript;
import dev.callcoach.simulator.twilio.SimulatedCall;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fifty calls at once, each bridged to its own Realtime session: nobody hears anybody else's AI. */
@QuarkusTest
@TestProfile(BridgeTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ConcurrentCallsTest {

    private static final int CALLS = 50;

    @TestHTTPResource("/")
    URI base;
    @Inject
    Pool pool;
    @Inject
    PhoneLimiter limiter;
    @Inject
    CallControl control;

    @Test
    void eachCallerHearsOnlyTheirOwnSession() throws Exception {
        Databases.truncate(pool);
        // Callers stay on until every call is live, then all are ended through the REST API.
        CallerScript caller = CallerScript.answerAfter(Duration.ofMillis(100)).thenSilence(Duration.ofSeconds(60)).thenHangUp();
        List<UUID> sessions = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            numbers.add(TestNumbers.fresh());
            sessions.add(Reservations.granted(limiter.reserve(numbers.get(i), "language-practice",
                    Map.of("language", "Spanish", "level", "beginner"), "coral").await().indefinitely()).id());
        }
        ExecutorService placing = Executors.newFixedThreadPool(8);
        try (SimulatedTwilio twilio = SimulatedTwilio.start(base)) {
            List<Future<SimulatedCall>> placed = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                int call = i;
                placed.add(placing.submit(() -> twilio.call(sessions.get(call), numbers.get(call), caller)));
            }
            List<SimulatedCall> calls = new ArrayList<>();
            for (Future<SimulatedCall> call : placed) {
                calls.add(call.get(30, TimeUnit.SECONDS));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> calls.stream()
                    .allMatch(c -> c.stream().isPresent() && c.stream().get().heardMs() >= 400));
            assertThat(control.liveCalls()).isEqualTo(CALLS);

            List<Future<?>> hangUps = calls.stream().<Future<?>>map(c -> placing.submit(() -> twilio.complete(c.sid()))).toList();
            for (Future<?> hangUp : hangUps) {
                hangUp.get(30, TimeUnit.SECONDS);
            }
            CompletableFuture.allOf(calls.stream().map(c -> c.whenEnded().toCompletableFuture()).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);

            Set<Integer> heardSessions = new HashSet<>();
            for (SimulatedCall call : calls) {
                Map<Integer, Integer> heard = SessionPattern.sessionsIn(call.stream().orElseThrow().heardAudio());
                assertThat(heard).as("sessions heard on %s", call.sid()).hasSize(1);
                heardSessions.addAll(heard.keySet());
            }
            assertThat(heardSessions).hasSize(CALLS);
        } finally {
            placing.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> FakeRealtimeResource.realtime().openSessionCount() == 0);
        assertThat(control.liveCalls()).isZero();
    }
}
