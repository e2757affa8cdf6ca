package dev.callcoach.backend.limiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.phone.PhoneHasher;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.PostgresResource.InjectTestDatabase;
import dev.callcoach.backend.testing.PostgresResource.TestDatabase;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.contracts.phone.PhoneRules;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The backend half of issue 10's abuse run (the many-IP half is the webapp's): two instances on one database,
 * numbers of every kind (callable, premium-rate, toll-free, foreign), every callable number reserved again and
 * again, and a database outage part-way through. Each granted call then meets one fate: placed and completed,
 * released, placement unknown, or abandoned without a word. At the end: no number has more calls than its
 * limit, no instance granted more from memory than its outage budget, and nothing is left holding a slot.
 * Prints the table that docs/benchmarks.md shows (also written to target/abuse-run.md).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class AbuseRunTest {

    private static final int CALLABLE = 300;
    private static final int REPLAYS = 4;
    private static final int REFUSED_PER_KIND = 50;

    @InjectTestDatabase
    TestDatabase database;
    @Inject
    Vertx vertx;
    @Inject
    Pool appPool;
    @Inject
    DatabaseFailover appFailover;

    private final PhoneRules rules = new PhoneRules();
    private final List<LimiterInstance> instances = new ArrayList<>();
    private final Map<String, Map<String, Integer>> table = new LinkedHashMap<>();
    private int fate;

    @AfterEach
    void stop() {
        instances.forEach(LimiterInstance::close);
        if (database.isEmbedded() && !database.isRunning()) {
            database.restart();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> appFailover.mode() == DatabaseFailover.Mode.POSTGRES);
        Databases.truncate(appPool);
    }

    @Test
    void abuseWithAnOutagePartWayGrantsNothingPastAnyLimitAndLeavesNothingOrphaned() throws IOException {
        Assumptions.assumeTrue(database.isEmbedded(), "an external database cannot be stopped");
        Databases.truncate(appPool);
        PhoneHasher hasher = new PhoneHasher("abuse-run-secret-for-the-phone-hash-xxxxxxxx", Optional.empty());
        for (int i = 0; i < 2; i++) {
            LimiterInstance instance = new LimiterInstance(vertx, database,
                    new LimiterInstance.Config().concurrentCap(50).dailyCap(1_000), hasher);
            instances.add(instance);
            instance.clock.freeze();
            instance.started();
        }
        List<String> callable = new ArrayList<>();
        for (int i = 0; i < CALLABLE; i++) {
            callable.add(TestNumbers.fresh());
        }
        List<String> refusedKinds = new ArrayList<>();
        for (int i = 0; i < REFUSED_PER_KIND; i++) {
            refusedKinds.add("+1900234%04d".formatted(i));      // premium-rate (US)
            refusedKinds.add("+1800234%04d".formatted(i));      // toll-free (US)
            refusedKinds.add("+4474001%05d".formatted(i));      // foreign mobile (GB)
            refusedKinds.add("+3361234%04d".formatted(i));      // foreign mobile (FR)
        }

        round("1 Postgres up", callable.subList(0, 200), refusedKinds);
        round("2 Postgres up, replays", callable.subList(0, 200), refusedKinds);
        // The periodic refresh: each instance learns what the other granted.
        instances.forEach(instance -> instance.mirror.refresh().await().indefinitely());
        database.stop();
        round("3 Postgres down", callable, refusedKinds);
        database.restart();
        for (LimiterInstance instance : instances) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                instance.probe();
                assertThat(instance.failover.mode()).isEqualTo(DatabaseFailover.Mode.POSTGRES);
            });
        }
        round("4 Postgres back", callable, refusedKinds);

        long mostCallsOfOneNumber = single("SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM call_attempt GROUP BY phone_hash) c");
        long pastLimit = single("SELECT coalesce(sum(n - 2), 0) FROM (SELECT count(*) n FROM call_attempt GROUP BY phone_hash) c WHERE n > 2");
        long orphaned = single("SELECT count(*) FROM call_session WHERE status IN ('RESERVED', 'QUEUED') AND twilio_call_sid IS NULL");
        long open = single("SELECT count(*) FROM call_session WHERE ended_at IS NULL");
        double fromMemoryMost = instances.stream().mapToDouble(i -> i.reservations("granted", "none", "fallback")).max().orElse(0);
        String report = render(mostCallsOfOneNumber, pastLimit, orphaned, open, fromMemoryMost);
        System.out.println(report);
        Files.writeString(Path.of("target", "abuse-run.md"), report);

        assertThat(mostCallsOfOneNumber).isLessThanOrEqualTo(2);
        assertThat(pastLimit).isZero();
        assertThat(orphaned).isZero();
        assertThat(open).isZero();
        assertThat(fromMemoryMost).isLessThanOrEqualTo(20);
        assertThat(table.values()).allSatisfy(row -> assertThat(row.getOrDefault("refused_busy", 0)).isZero());
    }

    /**
     * Every number once per replay, alternating instances; each grant meets the next fate in turn. A minute
     * passes between replays, so abandoned reservations expire and free their slots.
     */
    private void round(String name, List<String> callable, List<String> refusedKinds) {
        Map<String, Integer> row = new TreeMap<>();
        table.put(name, row);
        for (String number : refusedKinds) {
            if (rules.check(number, null) instanceof PhoneCheck.Invalid invalid) {
                row.merge("phone_rules_" + invalid.reason().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            } else {
                row.merge("not_refused_by_rules", 1, Integer::sum);
            }
        }
        for (int replay = 0; replay < REPLAYS; replay++) {
            for (int i = 0; i < callable.size(); i++) {
                LimiterInstance instance = instances.get((i + replay) % 2);
                String e164 = ((PhoneCheck.Valid) rules.check(callable.get(i), null)).e164();
                Reservation result = instance.limiter.reserve(e164, "job-interview", LimiterInstance.interviewForm(), "alloy")
                        .await().indefinitely();
                switch (result) {
                    case Reservation.Granted granted -> {
                        row.merge("granted", 1, Integer::sum);
                        meetFate(instance, granted.session());
                    }
                    case Reservation.Refused refused ->
                            row.merge("refused_" + refused.refusal().reason().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }
            expireEverywhere();
        }
    }

    private void meetFate(LimiterInstance instance, CallSession session) {
        switch (fate++ % 4) {
            case 0 -> {
                instance.sessions.placed(session.id(), "CA%032x".formatted(session.id().getLeastSignificantBits() & Long.MAX_VALUE))
                        .await().indefinitely();
                instance.sessions.updateStatus(session.id(), CallStatus.COMPLETED, instance.clock.instant()).await().indefinitely();
            }
            case 1 -> instance.limiter.release(session.id()).await().indefinitely();
            case 2 -> instance.sessions.placementUnknown(session.id()).await().indefinitely();
            default -> {
                // Abandoned: the webapp crashed between reserving and placing.
            }
        }
    }

    /** Time passes beyond the placement timeout on every instance, and each runs its expiry. */
    private void expireEverywhere() {
        for (LimiterInstance instance : instances) {
            instance.clock.advance(Duration.ofSeconds(61));
            instance.expiry.run().await().indefinitely();
        }
    }

    private long single(String sql) {
        return appPool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private String render(long mostCalls, long pastLimit, long orphaned, long open, double fromMemoryMost) {
        List<String> columns = table.values().stream().flatMap(row -> row.keySet().stream()).distinct().sorted().toList();
        StringBuilder out = new StringBuilder("| round | ").append(String.join(" | ", columns)).append(" |\n|---|")
                .append("---|".repeat(columns.size())).append('\n');
        table.forEach((name, row) -> out.append("| ").append(name).append(" | ")
                .append(columns.stream().map(c -> String.valueOf(row.getOrDefault(c, 0))).collect(Collectors.joining(" | ")))
                .append(" |\n"));
        out.append('\n')
                .append("| check | result |\n|---|---|\n")
                .append("| most calls of one number (limit 2) | ").append(mostCalls).append(" |\n")
                .append("| calls past any limit | ").append(pastLimit).append(" |\n")
                .append("| most calls one instance granted from memory (budget 20) | ").append((long) fromMemoryMost).append(" |\n")
                .append("| sessions left reserved or unconfirmed | ").append(orphaned).append(" |\n")
                .append("| sessions left holding a slot | ").append(open).append(" |\n");
        return out.toString();
    }
}
