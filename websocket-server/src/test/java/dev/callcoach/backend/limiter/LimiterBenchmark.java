package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.CallSessions;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.CallStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: prints reservations per second and latency percentiles for 1, 16 and 64 concurrent callers
 * against the embedded Postgres, through the real {@link PhoneLimiter}. Excluded from the build; run it
 * with the command in docs/benchmarks.md. Asserts nothing: the figures depend on the machine.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(LimiterBenchmark.Profile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class LimiterBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(10);
    private static final int[] CALLERS = {1, 16, 64};

    /** Caps high enough that every reservation of a fresh number is granted. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "callcoach.limiter.concurrent-cap", "1000",
                    "callcoach.limiter.daily-cap", "10000000",
                    "quarkus.log.category.\"dev.callcoach.backend.limiter.PhoneLimiter\".level", "WARN");
        }
    }

    @Inject
    PhoneLimiter limiter;
    @Inject
    CallSessions sessions;
    @Inject
    Pool pool;

    @Test
    void grantedReservations() throws Exception {
        System.out.println("\n== granted: each reservation for a fresh number, the call ended right after ==");
        for (int callers : CALLERS) {
            Databases.truncate(pool);
            run("granted", callers, () -> {
                long start = System.nanoTime();
                CallSession session = Reservations.grant(limiter, TestNumbers.fresh());
                long nanos = System.nanoTime() - start;
                // Ends the call (not timed), so open sessions stay at most one per caller, as in production.
                sessions.updateStatus(session.id(), CallStatus.COMPLETED, Instant.now()).await().indefinitely();
                return nanos;
            });
        }
    }

    @Test
    void refusedReservationsForOneBusyNumber() throws Exception {
        System.out.println("\n== refused: every caller reserves for the same number, which used its calls ==");
        for (int callers : CALLERS) {
            Databases.truncate(pool);
            String number = TestNumbers.fresh();
            Reservations.grant(limiter, number);
            Reservations.grant(limiter, number);
            run("refused", callers, () -> {
                long start = System.nanoTime();
                Reservations.refusal(Reservations.reserve(limiter, number));
                return System.nanoTime() - start;
            });
        }
        Databases.truncate(pool);
    }

    /** Runs {@code callers} threads, each calling {@code operation} back to back; prints the figures of the measured span. */
    private void run(String name, int callers, Supplier<Long> operation) throws InterruptedException {
        List<List<Long>> latencies = new ArrayList<>();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(callers);
        for (int i = 0; i < callers; i++) {
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    long nanos = operation.get();
                    if (measuring.get()) {
                        mine.add(nanos);
                    }
                }
                done.countDown();
            });
        }
        Thread.sleep(WARM_UP.toMillis());
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(MEASURE.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        done.await();

        List<Long> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        Collections.sort(all);
        System.out.printf("%-8s callers=%3d  reservations/s=%7.0f  p50=%6.2f ms  p99=%6.2f ms  max=%7.2f ms  n=%d%n",
                name, callers, all.size() / seconds, millis(all, 0.50), millis(all, 0.99), all.getLast() / 1e6, all.size());
    }

    private static double millis(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
