package dev.callcoach.simulator.bench;

import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.contracts.phone.PhoneRules;
import dev.callcoach.simulator.demo.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * {@code scripts/bench-bridge.sh}: for each call count, a fresh backend (the runnable jar, pinned
 * with {@code taskset}) against one embedded PostgreSQL and a fresh {@link RealtimePeer}, one
 * {@link BenchRun}, and the tables. This JVM is the load generator and the peer; the script pins it
 * to another core. Method and reading: docs/benchmarks.md, "Bridge load benchmark".
 */
public final class BridgeBenchmark {

    private static final Duration BACKEND_STARTUP = Duration.ofSeconds(120);
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String USAGE = """
            usage: scripts/bench-bridge.sh [options] CALLS...      e.g. scripts/bench-bridge.sh 50 100 200 300
              --warm-up SECONDS         all calls up before measuring (default 30)
              --measure SECONDS         the measured window (default 30)
              --barge-in-every SECONDS  how often each caller talks over the AI, 0 for never (default 5)
              --launch-rate CALLS       calls set up per second (default 10)
              --backend-cpus LIST       taskset CPU list for the backend, "none" to leave it unpinned (default 0)
              --backend-jvm-args ARGS   JVM options of the backend, one string (default "-XX:MaxRAM=1g
                                        -XX:MaxRAMPercentage=75": sized as on the Fly VM); e.g. add JFR here
              --backend-port PORT       (default 18081)
              --management-port PORT    the backend's management interface: health, metrics (default 19000)
              --backend-jar PATH        (default websocket-server/target/quarkus-app/quarkus-run.jar)
              --media phone|browser     who the callers are: Twilio Media Streams, or the page's media socket
                                        (PCM16 at 24 kHz, single-use tokens) (default phone)
              --batch-window MS         the backend's event-loop batch window in milliseconds, e.g. 0.5
                                        (callcoach.event-loop.batch-window; default: the backend's, 0.5;
                                        0 turns it off)
              --no-heap                 skip the forced full GCs that measure heap per call
            """;

    record Options(List<Integer> callCounts, Duration warmUp, Duration measure, Duration bargeInEvery, int launchRate,
                   String backendCpus, List<String> backendJvmArgs, int backendPort, int managementPort, Path backendJar,
                   boolean measureHeap, BenchRun.Media media, Optional<Duration> batchWindow) {

        static Options parse(String... args) {
            List<Integer> counts = new ArrayList<>();
            Map<String, String> flags = new LinkedHashMap<>();
            boolean measureHeap = true;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--no-heap")) {
                    measureHeap = false;
                } else if (arg.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    flags.put(arg, args[++i]);
                } else {
                    counts.add(positive(arg, "a call count"));
                }
            }
            if (counts.isEmpty()) {
                throw new IllegalArgumentException("name at least one call count");
            }
            Options options = new Options(counts,
                    Duration.ofSeconds(nonNegative(flags.remove("--warm-up"), 30, "--warm-up")),
                    Duration.ofSeconds(positive(flags.getOrDefault("--measure", "30"), "--measure")),
                    Duration.ofSeconds(nonNegative(flags.remove("--barge-in-every"), 5, "--barge-in-every")),
                    positive(flags.getOrDefault("--launch-rate", "10"), "--launch-rate"),
                    flags.getOrDefault("--backend-cpus", "0"),
                    Arrays.stream(flags.getOrDefault("--backend-jvm-args", "-XX:MaxRAM=1g -XX:MaxRAMPercentage=75").trim().split("\\s+"))
                            .filter(a -> !a.isEmpty()).toList(),
                    positive(flags.getOrDefault("--backend-port", "18081"), "--backend-port"),
                    positive(flags.getOrDefault("--management-port", "19000"), "--management-port"),
                    Path.of(flags.getOrDefault("--backend-jar", "websocket-server/target/quarkus-app/quarkus-run.jar")),
                    measureHeap,
                    media(flags.getOrDefault("--media", "phone")),
                    Optional.ofNullable(flags.remove("--batch-window")).map(Options::batchWindow));
            flags.keySet().removeAll(List.of("--measure", "--launch-rate", "--backend-cpus", "--backend-jvm-args",
                    "--backend-port", "--management-port", "--backend-jar", "--media"));
            if (!flags.isEmpty()) {
                throw new IllegalArgumentException("unknown option " + flags.keySet().iterator().next());
            }
            return options;
        }

        /** Milliseconds to the microsecond, as the backend's window takes them ({@code 500us}). */
        private static Duration batchWindow(String milliseconds) {
            try {
                BigDecimal micros = new BigDecimal(milliseconds).movePointRight(3);
                if (micros.signum() >= 0 && micros.stripTrailingZeros().scale() <= 0) {
                    return Duration.ofNanos(micros.longValueExact() * 1_000);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // the message below says what is expected
            }
            throw new IllegalArgumentException(
                    "--batch-window must be milliseconds to the microsecond, e.g. 0.5, got '" + milliseconds + "'");
        }

        private static BenchRun.Media media(String value) {
            return switch (value) {
                case "phone" -> BenchRun.Media.PHONE;
                case "browser" -> BenchRun.Media.BROWSER;
                default -> throw new IllegalArgumentException("--media must be phone or browser, got '" + value + "'");
            };
        }

        private static int positive(String value, String what) {
            int n = nonNegative(value, 0, what);
            if (n == 0) {
                throw new IllegalArgumentException(what + " must be at least 1, got '" + value + "'");
            }
            return n;
        }

        private static int nonNegative(String value, int fallback, String what) {
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw new IllegalArgumentException(what + " must be a whole number, got '" + value + "'");
        }
    }

    private BridgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.backendJar())) {
            System.err.println("no " + options.backendJar() + ": build first (scripts/bench-bridge.sh does)");
            System.exit(2);
        }
        PrintStream out = System.out;
        out.println("[bench] " + MachineInfo.describe());
        List<BenchResult> results = new ArrayList<>();
        Path logs = Files.createDirectories(Path.of("target", "bench"));
        // Ctrl-C skips the finally blocks: the hook stops what would otherwise outlive us.
        Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(running), "bench-shutdown"));
        // One event loop per CPU the generator may use: two loops taking turns on one pinned core would show
        // as the generator's own lag (the scheduler's time slices), not as the bridge's.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        int exitCode = 0;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            running.push(postgres);
            for (int calls : options.callCounts()) {
                results.add(runOnce(options, calls, vertx, postgres, logs, running, out));
                out.println();
                out.println(BenchResult.figuresTable(results));
                out.println(BenchResult.insideBridgeTable(results));
                out.println(BenchResult.healthTable(results));
            }
        } catch (IllegalStateException e) {
            out.println("[bench] failed: " + e.getMessage());
            exitCode = 1;
        } finally {
            running.clear();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        out.println("[bench] after the runs: " + MachineInfo.loadAverage());
        out.println("[bench] backend logs in " + logs.toAbsolutePath());
        System.exit(exitCode);
    }

    /** How many CPUs a {@code taskset -c} list names, e.g. 3 for {@code "0,2-3"}. */
    static int cpuCount(String cpuList) {
        int count = 0;
        for (String part : cpuList.split(",")) {
            String[] range = part.trim().split("-");
            count += range.length == 1 ? 1 : Integer.parseInt(range[1].trim()) - Integer.parseInt(range[0].trim()) + 1;
        }
        return count;
    }

    private static void closeAll(Deque<AutoCloseable> running) {
        for (AutoCloseable part; (part = running.poll()) != null; ) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("[bench] could not stop " + part + ": " + e.getMessage());
            }
        }
    }

    private static BenchResult runOnce(Options options, int calls, Vertx vertx, EmbeddedPostgres postgres, Path logs,
                                       Deque<AutoCloseable> running, PrintStream out) throws InterruptedException {
        String backendUrl = "http://127.0.0.1:" + options.backendPort();
        String channelToken = secret();
        String twilioToken = secret();
        try (RealtimePeer peer = RealtimePeer.start(vertx, secret(), calls)) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PORT", Integer.toString(options.backendPort()));
            String managementUrl = "http://127.0.0.1:" + options.managementPort();
            env.put("MANAGEMENT_PORT", Integer.toString(options.managementPort()));
            env.put("DATABASE_URL", "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres");
            env.put("PUBLIC_BASE_URL", backendUrl);
            env.put("TWILIO_AUTH_TOKEN", twilioToken);
            env.put("OPENAI_API_KEY", peer.apiKey());
            env.put("OPENAI_REALTIME_URL", peer.realtimeUrl());
            env.put("PHONE_HASH_SECRET", secret());
            env.put("CHANNEL_TOKEN", channelToken);
            // The limiter is not what is measured: every benchmark call must be granted.
            env.put("CALLCOACH_LIMITER_CONCURRENT_CAP", "1000000");
            env.put("CALLCOACH_LIMITER_DAILY_CAP", "100000000");
            env.put("CALLCOACH_LIMITER_MAX_CALLS_PER_WINDOW", "1000000");
            // Nor is the instance's call limit: the benchmark measures what lies beyond it (twice capacity).
            env.put("CALLCOACH_CALL_MAX_ACTIVE_PER_INSTANCE", "1000000");
            env.put("BROWSER_ALLOWED_ORIGINS", BenchRun.BROWSER_ORIGIN);
            if (!options.backendCpus().equals("none")) {
                // As deployed (fly/websocket-server.toml): one event loop per CPU the backend may use.
                env.put("QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE", Integer.toString(cpuCount(options.backendCpus())));
            }
            options.batchWindow().ifPresent(window -> env.put("CALLCOACH_EVENT_LOOP_BATCH_WINDOW", window.toNanos() / 1_000 + "us"));
            Duration longest = options.warmUp().plus(options.measure()).plusMinutes(10);
            env.put("CALLCOACH_CALL_MAX_DURATION", longest.toSeconds() + "s");
            List<String> command = new ArrayList<>();
            if (!options.backendCpus().equals("none")) {
                command.addAll(List.of("taskset", "-c", options.backendCpus()));
            }
            command.add(ServiceProcess.javaExecutable());
            command.addAll(options.backendJvmArgs());
            command.addAll(List.of("-jar", options.backendJar().toString()));
            Path log = logs.resolve("backend-" + calls + "-calls.log");
            out.printf("[bench] %d calls: starting the backend (%s)%s, log %s%n", calls, String.join(" ", command),
                    options.batchWindow().map(window -> " with a " + window.toNanos() / 1_000 + " µs batch window").orElse(""), log);
            try (ServiceProcess backend = ServiceProcess.start("backend", command, env, log)) {
                running.push(backend);
                backend.awaitReady(URI.create(managementUrl + "/q/health/ready"), BACKEND_STARTUP);
                BenchRun.Settings settings = new BenchRun.Settings(calls, options.warmUp(), options.measure(),
                        options.bargeInEvery(), options.launchRate(), options.measureHeap(), options.media());
                BenchRun.Backend target = new BenchRun.Backend(backendUrl, backendUrl, managementUrl, channelToken, twilioToken, backend.pid());
                return BenchRun.run(peer, target, settings, PhoneNumbers::fictional, out);
            } finally {
                running.removeIf(part -> part instanceof ServiceProcess);
            }
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Numbers the phone rules accept and nobody answers: North American 555-0100 to 555-0199, reserved for fiction. */
    static final class PhoneNumbers {

        private static final PhoneRules RULES = new PhoneRules();
        private static final List<String> ISSUED = new ArrayList<>();
        private static int nextCandidate;

        private PhoneNumbers() {
        }

        /** The {@code index}th such number; the same index always gives the same number. */
        static synchronized String fictional(int index) {
            while (ISSUED.size() <= index) {
                int n = nextCandidate++;
                // Some area codes do not exist (211, 311, ...): the rules refuse those, so they are skipped.
                String number = "+1%03d55501%02d".formatted(201 + n / 100, n % 100);
                if (RULES.check(number, null) instanceof PhoneCheck.Valid) {
                    ISSUED.add(number);
                }
            }
            return ISSUED.get(index);
        }
    }
}
