package dev.callcoach.webapp.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The many-IP half of the abuse run (issue 10; the backend half is the websocket-server's
 * {@code AbuseRunTest}): thousands of IPv4 addresses, IPv6 addresses rotating inside one /64 and across many,
 * IPv4-mapped forms of the same IPv4 addresses, garbage in the client-IP header, a table of tracked clients
 * small enough to overflow, and, for the PostgreSQL-backed limiter, the database stopped part-way and started
 * again. Every attempt goes through {@link ClientIpResolver} and the real {@link IpLimiter}, concurrently.
 *
 * <p>The test knows who each attempt really comes from (an IPv4 address, an IPv6 /64, the socket, or "no
 * readable address"), independently of {@link IpKeys}, and asserts counts only: no client got more than its
 * allowance in the window, clients at their limit stay refused (not reset) once the table overflows, and
 * every busy refusal is counted. It prints one table per limiter and writes them to
 * {@code webapp/target/ip-abuse-run.md}.
 */
class IpAbuseRunTest {

    private static final int LIMIT = 10;
    /** The order of the table's rows, by the start of each attack's name. */
    private static final List<String> KIND_ORDER = List.of("IPv4", "IPv6", "garb", "over", "rota");
    private static final int MAX_TRACKED = 1_000;
    private static final String TRUSTED_HEADER = "Fly-Client-IP";
    /** The socket address every attempt arrives from: the proxy, as on Fly. */
    private static final String PROXY = "172.16.0.2";

    @TempDir
    static Path dataDirectory;
    private static EmbeddedPostgres postgres;
    private static int port;
    private static final StringBuilder report = new StringBuilder();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = embedded(0);
        port = postgres.getPort();
    }

    @AfterAll
    static void stopPostgresAndWriteReport() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "ip-abuse-run.md"), report.toString());
    }

    @Test
    void inMemoryOneInstance() {
        IpLimitProperties properties = new IpLimitProperties(LIMIT, Duration.ofMinutes(15), TRUSTED_HEADER, MAX_TRACKED, 64, "");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MemoryIpBuckets buckets = new MemoryIpBuckets(properties, io.github.bucket4j.TimeMeter.SYSTEM_MILLISECONDS);
        Run run = new Run(new ClientIpResolver(properties), List.of(new IpLimiter(properties, buckets, meters)));

        run.attackThenOverflow(false);

        assertThat(buckets.tracked()).isEqualTo(MAX_TRACKED);
        assertThat(run.busy()).as("busy refusals counted").isPositive()
                .isEqualTo((long) meters.get("callcoach.ip_limit.busy").counter().count());
        assertThat(run.mostOneClientGot()).isLessThanOrEqualTo(LIMIT);
        run.print("In memory, one instance, table of " + MAX_TRACKED + " clients");
    }

    @Test
    void postgresOneInstanceWithAnOutage() throws SQLException {
        postgresWithAnOutage(1);
    }

    @Test
    void postgresTwoInstancesWithAnOutage() throws SQLException {
        postgresWithAnOutage(2);
    }

    private void postgresWithAnOutage(int instanceCount) throws SQLException {
        emptyTable();
        IpLimitProperties properties = new IpLimitProperties(LIMIT, Duration.ofMinutes(15), TRUSTED_HEADER, MAX_TRACKED, 64,
                "postgres://postgres:postgres@localhost:" + port + "/postgres");
        List<SimpleMeterRegistry> meters = new ArrayList<>();
        List<PostgresIpBuckets> buckets = new ArrayList<>();
        List<IpLimiter> limiters = new ArrayList<>();
        try {
            for (int i = 0; i < instanceCount; i++) {
                meters.add(new SimpleMeterRegistry());
                buckets.add(PostgresIpBuckets.connect(properties, meters.get(i)));
                limiters.add(new IpLimiter(properties, buckets.get(i), meters.get(i)));
            }
            Run run = new Run(new ClientIpResolver(properties), limiters);

            run.attack("up");
            stopPostgres();
            run.attackThenOverflow(true);
            restartPostgres();
            run.againAfterOutage();

            double fromMemory = meters.stream().mapToDouble(m -> m.get("callcoach.ip_limit.database_unavailable").counter().count()).sum();
            // Not every attempt in the outage: the first ones on a dead connection are refused as busy. And right
            // after the restart an instance may still find old connections dead: a few are counted in memory too.
            assertThat(fromMemory).as("decided in memory while PostgreSQL was down")
                    .isPositive().isLessThanOrEqualTo(run.attemptsInOutage() + 20.0);
            double busyMetric = meters.stream().mapToDouble(m -> m.get("callcoach.ip_limit.busy").counter().count()).sum();
            assertThat(run.busy()).as("busy refusals counted").isPositive().isEqualTo((long) busyMetric);
            if (instanceCount == 1) {
                assertThat(run.mostInWindow()).as("one instance: the limit holds through the outage").isLessThanOrEqualTo(LIMIT);
            }
            run.print("PostgreSQL, " + instanceCount + (instanceCount == 1 ? " instance" : " instances")
                    + ", stopped part-way (outage table of " + MAX_TRACKED + " clients per instance)");
        } finally {
            buckets.forEach(PostgresIpBuckets::close);
        }
    }

    /** One attack against one set of limiters, with the tallies per attack kind and per real client. */
    private static final class Run {

        private final ClientIpResolver resolver;
        private final List<IpLimiter> instances;
        private final Map<String, Row> rows = new LinkedHashMap<>();
        /** Placements granted per real client while the limit was shared (PostgreSQL up, or memory only). */
        private final Map<String, AtomicInteger> granted = new ConcurrentHashMap<>();
        /** Placements granted per real client and instance while each instance counted on its own. */
        private final Map<String, AtomicInteger> grantedInOutage = new ConcurrentHashMap<>();
        private final Random random = new Random(10);
        private final List<String> watched = new ArrayList<>();
        /** Placements granted per real client over the whole window, every phase and instance. */
        private final Map<String, AtomicInteger> grantedInWindow = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong attemptsInOutage = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean outage;

        Run(ClientIpResolver resolver, List<IpLimiter> instances) {
            this.resolver = resolver;
            this.instances = instances;
        }

        /** Every kind of address, each client trying more often than its allowance. */
        void attack(String phase) {
            List<Attempt> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String ip = "203.0.113." + (i + 1);
                watched.add(ip);
                for (int t = 0; t < LIMIT + 1; t++) {
                    attempts.add(Attempt.from("IPv4: 20 clients spend their allowance before the flood", ip, ip));
                }
            }
            run(attempts);
            attempts.clear();
            for (int i = 0; i < 100; i++) {
                String ip = "198.51." + (100 + i / 250) + "." + (i % 250 + 1);
                for (int t = 0; t < 15; t++) {
                    attempts.add(Attempt.from("IPv4: 100 addresses, 15 tries each", ip, ip));
                }
            }
            for (int i = 0; i < 1_000; i++) {
                attempts.add(Attempt.from("IPv6: 1,000 addresses in one /64", "2001:db8:1:1::/64",
                        "2001:db8:1:1:" + hex(random.nextInt(65536)) + ":" + hex(i) + ":" + hex(random.nextInt(65536)) + ":1"));
            }
            for (int p = 0; p < 100; p++) {
                for (int t = 0; t < 15; t++) {
                    attempts.add(Attempt.from("IPv6: 100 /64s, 15 addresses in each", "2001:db8:2:" + hex(p) + "::/64",
                            "2001:db8:2:" + hex(p) + ":" + hex(t) + "::" + hex(random.nextInt(65536))));
                }
            }
            for (int i = 0; i < 100; i++) {
                int third = 10 + i / 250;
                int fourth = i % 250 + 1;
                String ip = "192.0." + third + "." + fourth;
                String hexTail = hex(192 << 8) + ":" + hex(third << 8 | fourth);
                List<String> forms = List.of(ip, "::ffff:" + ip, "[::ffff:" + ip + "]", "::FFFF:" + hexTail,
                        "0:0:0:0:0:ffff:" + ip);
                for (int t = 0; t < 15; t++) {
                    attempts.add(Attempt.from("IPv4-mapped IPv6: 100 addresses, 15 tries in 5 forms", ip, forms.get(t % forms.size())));
                }
            }
            for (int i = 0; i < 500; i++) {
                attempts.add(new Attempt("garbage in the client-IP header (500 values)", IpKeys.UNKNOWN, garbage(i), null));
            }
            for (int i = 0; i < 300; i++) {
                // Over the resolver's 64 characters: the socket's address is used.
                attempts.add(new Attempt("oversized client-IP header (300)", PROXY, "1.1.1." + i + " " + "x".repeat(64), null));
            }
            for (int i = 0; i < 500; i++) {
                // Only a trusted proxy's header is read: a rotating X-Forwarded-For changes nothing.
                attempts.add(new Attempt("rotating X-Forwarded-For, one client (500)", "198.18.0.9", "198.18.0.9",
                        "10." + i / 256 + "." + i % 256 + ".7"));
            }
            Collections.shuffle(attempts, random);
            run(attempts);
            rows.keySet().forEach(kind -> rows.get(kind).phase.compareAndSet(null, phase));
        }

        /**
         * Thousands of new IPv4 addresses, once each: more than the table holds. Then the clients at their
         * limit try again: the flood must not have reset them. With {@code inOutage} (PostgreSQL stopped), the clients that
         * spent their allowance in PostgreSQL try again first, counted on each instance's own.
         */
        void attackThenOverflow(boolean inOutage) {
            this.outage = inOutage;
            String phase = inOutage ? "PostgreSQL down" : "table overflows";
            if (!inOutage) {
                attack("before overflow");
            }
            List<Attempt> attempts = new ArrayList<>();
            if (inOutage) {
                for (String ip : watched) {
                    // Alternating instances: 11 on each, so each instance's memory sees them spend it all.
                    for (int t = 0; t < 2 * (LIMIT + 1); t++) {
                        attempts.add(Attempt.from("IPv4: the 20 spent clients again, 22 tries each", ip, ip));
                    }
                }
                run(attempts);
                attempts.clear();
            }
            for (int i = 0; i < 2_000; i++) {
                String ip = "100." + (64 + i / 65536) + "." + (i / 256 % 256) + "." + (i % 256);
                attempts.add(Attempt.from("IPv4: 2,000 new addresses at once (table holds " + MAX_TRACKED + ")", ip, ip));
            }
            run(attempts);
            attempts.clear();
            for (String ip : watched) {
                attempts.add(Attempt.from("IPv4: the 20 spent clients after the flood", ip, ip));
            }
            run(attempts);
            for (Attempt attempt : attempts) {
                Row row = rows.get(attempt.kind());
                assertThat(row.busy.get()).as("a full table turns new clients away, not known ones").isZero();
                assertThat(row.granted.get()).as("an overflowing table reset no one").isZero();
            }
            rows.keySet().forEach(kind -> rows.get(kind).phase.compareAndSet(null, phase));
        }

        /** After the outage, the clients whose allowance PostgreSQL holds are still at their limit. */
        void againAfterOutage() {
            outage = false;
            List<Attempt> attempts = new ArrayList<>();
            for (String ip : watched) {
                attempts.add(Attempt.from("IPv4: the 20 spent clients after restart", ip, ip));
            }
            run(attempts);
            assertThat(rows.get(attempts.getFirst().kind()).granted.get()).isZero();
            rows.keySet().forEach(kind -> rows.get(kind).phase.compareAndSet(null, "PostgreSQL back"));
        }

        /** Runs the attempts on many threads, alternating instances, and checks each client's total as it goes. */
        private void run(List<Attempt> attempts) {
            // Rows are made here, before the threads start: the table keeps its order and needs no lock.
            attempts.stream().sorted(java.util.Comparator.comparingInt(a -> KIND_ORDER.indexOf(a.kind().substring(0, 4))))
                    .forEach(attempt -> rows.computeIfAbsent(attempt.kind(), kind -> new Row()));
            AtomicInteger next = new AtomicInteger();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                int threads = outage ? attempts.size() : 8;
                for (int t = 0; t < Math.min(threads, attempts.size()); t++) {
                    pool.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < attempts.size(); ) {
                            decide(attempts.get(i), instances.get(i % instances.size()), i % instances.size());
                        }
                    });
                }
            }
            for (Map.Entry<String, AtomicInteger> client : granted.entrySet()) {
                assertThat(client.getValue().get()).as("placements granted to %s", client.getKey()).isLessThanOrEqualTo(LIMIT);
            }
            for (Map.Entry<String, AtomicInteger> client : grantedInOutage.entrySet()) {
                assertThat(client.getValue().get()).as("placements granted in an outage to %s", client.getKey())
                        .isLessThanOrEqualTo(LIMIT);
            }
            for (Map.Entry<String, AtomicInteger> client : grantedInWindow.entrySet()) {
                // Each instance remembers what it granted while the database was up; it cannot know the others'.
                assertThat(client.getValue().get()).as("placements granted to %s in the window", client.getKey())
                        .isLessThanOrEqualTo(LIMIT * instances.size());
            }
        }

        private void decide(Attempt attempt, IpLimiter limiter, int instance) {
            UnaryOperator<String> headers = name -> switch (name) {
                case TRUSTED_HEADER -> attempt.trustedHeader();
                case "X-Forwarded-For" -> attempt.forwardedFor();
                default -> null;
            };
            IpLimiter.Decision decision = limiter.tryAcquire(resolver.resolve(headers, PROXY));
            Row row = rows.get(attempt.kind());
            row.attempts.incrementAndGet();
            if (outage) {
                attemptsInOutage.incrementAndGet();
            }
            if (decision.allowed()) {
                row.granted.incrementAndGet();
                grantedInWindow.computeIfAbsent(attempt.client(), c -> new AtomicInteger()).incrementAndGet();
                (outage ? grantedInOutage.computeIfAbsent(instance + " " + attempt.client(), c -> new AtomicInteger())
                        : granted.computeIfAbsent(attempt.client(), c -> new AtomicInteger())).incrementAndGet();
            } else if (decision.busy()) {
                row.busy.incrementAndGet();
            } else {
                row.refused.incrementAndGet();
            }
        }

        long busy() {
            return rows.values().stream().mapToLong(row -> row.busy.get()).sum();
        }

        long attemptsInOutage() {
            return attemptsInOutage.get();
        }

        int mostOneClientGot() {
            return most(granted);
        }

        int mostInWindow() {
            return most(grantedInWindow);
        }

        private static int most(Map<String, AtomicInteger> perClient) {
            return perClient.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
        }

        void print(String title) {
            StringBuilder table = new StringBuilder("\n**").append(title).append("**\n\n")
                    .append("| phase | attack | attempts | refused: limit | refused: busy | granted |\n")
                    .append("|---|---|---|---|---|---|\n");
            rows.forEach((kind, row) -> table.append("| ").append(row.phase.get()).append(" | ").append(kind)
                    .append(" | ").append(row.attempts).append(" | ").append(row.refused).append(" | ").append(row.busy)
                    .append(" | ").append(row.granted).append(" |\n"));
            table.append("| all | all | ").append(rows.values().stream().mapToLong(r -> r.attempts.get()).sum())
                    .append(" | ").append(rows.values().stream().mapToLong(r -> r.refused.get()).sum())
                    .append(" | ").append(busy())
                    .append(" | ").append(rows.values().stream().mapToLong(r -> r.granted.get()).sum()).append(" |\n\n")
                    .append("| check | result |\n|---|---|\n")
                    .append("| most placements one client got while the limit was shared (limit ").append(LIMIT).append(") | ")
                    .append(most(granted)).append(" |\n");
            if (!grantedInOutage.isEmpty()) {
                table.append("| most one client got from one instance's memory, database down (limit ").append(LIMIT)
                        .append(" per instance) | ").append(most(grantedInOutage)).append(" |\n");
            }
            table.append("| most one client got in the window, all phases and instances (limit ").append(LIMIT)
                    .append(instances.size() > 1 ? " per instance" : "").append(") | ").append(most(grantedInWindow)).append(" |\n")
                    .append("| placements past the limit in force | 0 |\n");
            System.out.println(table);
            synchronized (report) {
                report.append(table);
            }
        }
    }

    private static final class Row {
        final AtomicReference<String> phase = new AtomicReference<>();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger busy = new AtomicInteger();
        final AtomicInteger granted = new AtomicInteger();
    }

    /**
     * @param client        who really sent it: an IPv4 address, an IPv6 /64, the socket, or {@link IpKeys#UNKNOWN}
     * @param trustedHeader the trusted proxy's client-IP header as it arrives
     * @param forwardedFor  an {@code X-Forwarded-For} the client added itself
     */
    private record Attempt(String kind, String client, String trustedHeader, String forwardedFor) {
        static Attempt from(String kind, String client, String address) {
            return new Attempt(kind, client, address, null);
        }
    }

    /** Header values that are no IP literal: names, lists, out-of-range octets, injections, zones. */
    private static String garbage(int i) {
        List<String> kinds = List.of("not-an-ip-%d", "localhost%d", "203.0.113.%d, 198.51.100.1", "999.%d.1.1",
                "::ffff:zz%d", "${jndi:ldap://x/%d}", "1.2.3.%d'--", "fe80::%d;rm", "%d", "0x7f.0.0.%d",
                "2001:db8::g%d", "[2001:db8::%d", "1.2.3.4.%d", "\u0661.\u0662.\u0663.%d");
        return kinds.get(i % kinds.size()).formatted(i);
    }

    private static void emptyTable() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + PostgresIpBuckets.TABLE);
        }
    }

    private static String hex(int value) {
        return Integer.toHexString(value);
    }

    private static EmbeddedPostgres embedded(int onPort) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        if (onPort != 0) {
            builder.setPort(onPort);
        }
        return builder.start();
    }

    private static void stopPostgres() {
        try {
            postgres.close();
            postgres = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restartPostgres() {
        try {
            postgres = embedded(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
