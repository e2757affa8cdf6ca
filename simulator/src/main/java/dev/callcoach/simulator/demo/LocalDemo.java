package dev.callcoach.simulator.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
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
 * Run from the repository root after {@code ./mvnw install -DskipTests} (which {@code run.sh} does).
 */
public final class LocalDemo {

    static final int WEBAPP_PORT = 8080;
    static final int BACKEND_PORT = 8081;
    static final int TWILIO_PORT = 8089;
    static final int REALTIME_PORT = 8090;
    private static final Duration WEBAPP_STARTUP = Duration.ofSeconds(90);

    private LocalDemo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path root = Path.of("").toAbsolutePath();
        Path backendJar = root.resolve("websocket-server/target/quarkus-app/quarkus-run.jar");
        Path webappJar = webappJar(root.resolve("webapp/target"));
        requireFile(backendJar);

        DemoStack stack = new DemoStack();
        AtomicReference<ServiceProcess> webapp = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        // Registered before anything starts, so Ctrl-C during start-up leaves nothing behind. The
        // webapp stops before what it talks to; the stack stops in reverse order of starting.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            out.println("[demo] stopping...");
            Optional.ofNullable(webapp.get()).ifPresent(ServiceProcess::close);
            stack.close();
            out.println("[demo] stopped");
        }, "demo-shutdown"));

        stack.startAll(new DemoStack.Options(backendJar, BACKEND_PORT, TWILIO_PORT, REALTIME_PORT, System.getenv(), out));
        Map<String, String> webappEnvironment = new HashMap<>(stack.webappEnvironment());
        webappEnvironment.put("PORT", Integer.toString(WEBAPP_PORT));
        webapp.set(ServiceProcess.start("webapp", webappJar, List.of(), webappEnvironment, out));

        String page = "http://localhost:" + WEBAPP_PORT + "/";
        webapp.get().awaitReady(URI.create(page), WEBAPP_STARTUP);
        out.println();
        out.println("[demo] Callcoach is running: open " + page
                + (stack.twilio() != null ? "  (calls are simulated)" : ""));
        out.println("[demo] backend " + stack.backendUrl() + "  (health " + stack.managementUrl() + "/q/health, metrics "
                + stack.managementUrl() + "/q/metrics)");
        out.println("[demo] Ctrl-C stops everything");
        while (webapp.get().isAlive() || stopping.get()) {
            Thread.sleep(1000);
        }
        out.println("[demo] the webapp exited on its own; stopping the rest");
        System.exit(1);
    }

    private static Path webappJar(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("webapp-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no webapp jar in " + target + ": build first"));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target + ": build first (./mvnw install -DskipTests)", e);
        }
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + file + ": build first (./mvnw install -DskipTests)");
        }
    }
}
