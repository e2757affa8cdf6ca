package dev.callcoach.simulator.demo;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The README's run command: the {@link DemoStack} plus the webapp, on the usual ports, until Ctrl-C.
 * Run from the repository root after {@code ./mvnw package -DskipTests} (which {@code run.sh} does).
 *
 * <p>The console gets a few progress lines; everything the services and frameworks print goes to
 * {@value #LOG} (run.sh appends this JVM's own stderr there too). When a service dies, the demo
 * says which and stops everything with exit code 1.
 */
public final class LocalDemo {

    /** Where the services' output goes, relative to the repository root; run.sh names the same file. */
    static final String LOG = ".run/logs/demo.log";
    static final int WEBAPP_PORT = 8080;
    static final int BACKEND_PORT = 8081;
    static final int TWILIO_PORT = 8089;
    static final int REALTIME_PORT = 8090;
    private static final Duration WEBAPP_STARTUP = Duration.ofSeconds(90);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

    private LocalDemo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream console = System.out;
        Path root = Path.of("").toAbsolutePath();
        Path backendJar = root.resolve("websocket-server/target/quarkus-app/quarkus-run.jar");
        PrintStream log = openLog(root.resolve(LOG));

        DemoStack stack = new DemoStack();
        AtomicReference<ServiceProcess> webapp = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        // Registered before anything starts, so Ctrl-C during start-up leaves nothing behind. The
        // webapp stops before what it talks to; the stack stops in reverse order of starting.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            console.println("[demo] stopping...");
            Optional.ofNullable(webapp.get()).ifPresent(ServiceProcess::close);
            stack.close();
            console.println("[demo] stopped");
        }, "demo-shutdown"));

        try {
            requireFile(backendJar);
            Path webappJar = webappJar(root.resolve("webapp/target"));
            console.println("[demo] starting PostgreSQL, the simulators and the backend...");
            long started = System.nanoTime();
            stack.startAll(new DemoStack.Options(backendJar, BACKEND_PORT, TWILIO_PORT, REALTIME_PORT, System.getenv(), log,
                    List.of("http://localhost:" + WEBAPP_PORT)));
            console.println("[demo] backend ready (" + secondsSince(started) + " s); starting the webapp...");
            Map<String, String> webappEnvironment = new HashMap<>(stack.webappEnvironment());
            webappEnvironment.put("PORT", Integer.toString(WEBAPP_PORT));
            webapp.set(ServiceProcess.start("webapp", webappJar, List.of(), webappEnvironment, log));
            webapp.get().awaitReady(URI.create("http://localhost:" + WEBAPP_PORT + "/"), WEBAPP_STARTUP);
        } catch (RuntimeException e) {
            e.printStackTrace(log);
            console.println("[demo] could not start: " + e.getMessage() + ". Details: " + LOG);
            System.exit(1);
        }
        console.println();
        console.println("Callcoach is running: open http://localhost:" + WEBAPP_PORT + "/"
                + (stack.twilio() != null ? "  (calls are simulated)" : ""));
        console.println("Backend health and metrics: " + stack.managementUrl() + "/q/health, /q/metrics");
        console.println("Ctrl-C stops everything.");
        watch(List.of(webapp.get(), stack.backend()), stopping, console);
    }

    /** Returns never: a service that exits on its own ends the demo with code 1. */
    private static void watch(List<ServiceProcess> services, AtomicBoolean stopping, PrintStream console)
            throws InterruptedException {
        while (true) {
            for (ServiceProcess service : services) {
                if (!service.isAlive() && !stopping.get()) {
                    console.println("[demo] the " + service.name() + " exited on its own (code " + service.exitValue()
                            + "); stopping everything. Its output is in " + LOG);
                    System.exit(1);
                }
            }
            Thread.sleep(WATCH_INTERVAL.toMillis());
        }
    }

    private static PrintStream openLog(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
    }

    private static long secondsSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toSeconds();
    }

    private static Path webappJar(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("webapp-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no webapp jar in " + target + ": build first"));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target + ": build first (./mvnw package -DskipTests)", e);
        }
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + file + ": build first (./mvnw package -DskipTests)");
        }
    }
}
