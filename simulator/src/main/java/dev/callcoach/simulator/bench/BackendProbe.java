package dev.callcoach.simulator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark reads from the backend besides {@code /proc}: its Prometheus metrics
 * ({@code /q/metrics}: heap in use, GC pauses) and, through {@code jcmd GC.run}, a full collection
 * before the heap is read, so heap per call compares live data rather than garbage.
 */
final class BackendProbe {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Generous: the first scrape of a JVM busy with calls, on a loaded machine, took over 10 s once. */
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(30);

    private final URI metrics;
    private final long pid;

    BackendProbe(String managementUrl, long pid) {
        this.metrics = URI.create(managementUrl + "/q/metrics");
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    PrometheusText metrics() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(SCRAPE_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(metrics + " answered " + response.statusCode());
            }
            return new PrometheusText(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + metrics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Heap in use right after a full collection, in bytes (jcmd GC.run, then the JVM's heap gauges). */
    long liveHeapBytes() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IllegalStateException("no jcmd in " + jcmd.getParent() + ": run the benchmark on a JDK, not a JRE");
        }
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                gc.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " GC.run failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd: " + e.getMessage(), e);
        }
        return (long) metrics().sum("jvm_memory_used_bytes", "area=\"heap\"");
    }
}
