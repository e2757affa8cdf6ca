package dev.callcoach.webapp.e2e;

import dev.callcoach.simulator.demo.DemoStack;
import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.responses.FakeResponses;
import dev.callcoach.simulator.twilio.FakeTwilio;
import dev.callcoach.webapp.Application;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The system under test, and the one place that knows how it is started: the backend as a child process
 * from its built jar, with embedded PostgreSQL and both simulators ({@link DemoStack}, the same wiring as
 * the local demo), and this webapp in-process, pointed at them. Swap this class to test another setup.
 */
final class LocalStack implements AutoCloseable {

    /**
     * The backend's runnable jar: the reactor's, relative to the webapp module where the tests run, unless the
     * system property {@code callcoach.e2e.backend-jar} names another build.
     */
    private static final Path BACKEND_JAR = Path.of(System.getProperty("callcoach.e2e.backend-jar",
            "../websocket-server/target/quarkus-app/quarkus-run.jar"));

    private final DemoStack stack;
    private final ConfigurableApplicationContext webapp;
    private final URI pageUrl;

    private LocalStack(DemoStack stack, ConfigurableApplicationContext webapp) {
        this.stack = stack;
        this.webapp = webapp;
        this.pageUrl = URI.create("http://localhost:" + webapp.getEnvironment().getProperty("local.server.port") + "/");
    }

    /** Starts everything; skips (or in CI fails) when the backend has not been built. */
    static LocalStack start() throws InterruptedException {
        return start(Map.of());
    }

    /** {@link #start()}, with webapp settings of the test's own (e.g. a shorter ring timeout). */
    static LocalStack start(Map<String, String> webappSettings) throws InterruptedException {
        BrowserExtension.requireOrSkip(Files.isRegularFile(BACKEND_JAR),
                "the backend is not built (" + BACKEND_JAR.toAbsolutePath().normalize()
                        + "); run ./mvnw install -DskipTests from the repository root first");
        // The backend accepts calls in the browser only from the webapp's origin, so the port is chosen first.
        int webappPort = freePort();
        // No credentials passed on: the simulators always stand in, whatever this machine's environment holds.
        DemoStack stack = DemoStack.start(new DemoStack.Options(BACKEND_JAR, freePort(), 0, 0, Map.of(), System.out,
                List.of("http://localhost:" + webappPort)));
        try {
            List<String> args = new ArrayList<>();
            // As command-line arguments, they win over this machine's environment variables.
            stack.webappEnvironment().forEach((name, value) -> args.add("--" + name + "=" + value));
            args.add("--server.port=" + webappPort);
            webappSettings.forEach((key, value) -> args.add("--" + key + "=" + value));
            return new LocalStack(stack, new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new)));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    URI pageUrl() {
        return pageUrl;
    }

    /** The simulated Twilio: scripts what each simulated phone does when called. */
    FakeTwilio twilio() {
        return stack.twilio();
    }

    /** The simulated Realtime API: scripts the AI, and shows what it was sent. */
    FakeRealtime realtime() {
        return stack.realtime();
    }

    /** The simulated Responses API that grades calls: switches its faults on and off. */
    FakeResponses responses() {
        return stack.realtime().responses();
    }

    /**
     * Kills the backend as a crash would (SIGKILL), while the webapp and the simulators stay up. A graceful
     * stop may still get the call's {@code call.ended} to the page before the channel closes, and then the
     * page rightly tells that ending instead; a crash tells nothing, which is the case this stands for. The
     * backend is this JVM's child process running the backend jar.
     */
    void killBackend() throws InterruptedException {
        String jar = BACKEND_JAR.getFileName().toString();
        ProcessHandle backend = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(jar))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no backend process running " + jar));
        backend.destroyForcibly();
        try {
            backend.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the backend did not die within 30 s of SIGKILL", e);
        }
    }

    @Override
    public void close() {
        webapp.close();
        stack.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
