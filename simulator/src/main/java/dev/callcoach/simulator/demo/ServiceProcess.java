package dev.callcoach.simulator.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of our services running as a child JVM: its output goes to ours line by line behind a
 * {@code [name]} prefix (or to a log file), and it counts as up once a URL of its answers 200.
 * Also used by the bridge load benchmark.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final String name;
    private final Process process;

    private ServiceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code java [jvmArgs] -jar jar} with these variables added to ours. */
    static ServiceProcess start(String name, Path jar, List<String> jvmArgs, Map<String, String> environment,
                                PrintStream out) {
        List<String> command = new java.util.ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            Thread pump = new Thread(() -> pump(name, process, out), name + "-output");
            pump.setDaemon(true);
            pump.start();
            return new ServiceProcess(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + jar + ")", e);
        }
    }

    /**
     * Starts {@code command} (e.g. a JVM behind {@code taskset}) with these variables added to ours,
     * its output written to {@code log}.
     */
    public static ServiceProcess start(String name, List<String> command, Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    /** The {@code java} this JVM runs on, so children run on the same JDK. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void pump(String name, Process process, PrintStream out) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println("[" + name + "] " + line);
            }
        } catch (IOException e) {
            // The process is gone; its exit is reported by whoever waits for it.
        }
    }

    /** Waits until {@code url} answers 200; fails early when the process dies meanwhile. */
    public void awaitReady(URI url, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException(name + " did not answer 200 at " + url + " within " + timeout.toSeconds() + " s");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    /** The exit code; only once the process has ended. */
    int exitValue() {
        return process.exitValue();
    }

    /** The operating system's id of the process (with {@code taskset}, which execs its command, the JVM's). */
    public long pid() {
        return process.pid();
    }

    /** Asks the service to stop (SIGTERM, so its own shutdown runs), then insists after a grace period. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
