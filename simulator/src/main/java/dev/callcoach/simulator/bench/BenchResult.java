package dev.callcoach.simulator.bench;

import java.util.List;

/**
 * One measured window of one call count. Delays in ms (p50 / p99 / max); CPU per call-second in ms
 * of CPU per second of one call; -1 where a figure was not taken.
 *
 * @param calls                 calls live during the window
 * @param windowSeconds         length of the measured window
 * @param backendCpuMsPerCallS  the backend's user + system CPU over the window, per call-second
 * @param backendCpuPercent     the same as a share of one core
 * @param up                    generator → bridge → peer
 * @param down                  peer → bridge → generator
 * @param bargeInTruncate       peer: {@code speech_started} sent → {@code conversation.item.truncate} received
 * @param bargeInClear          generator: {@code speech_started} sent → Twilio {@code clear} received
 * @param rssKb                 the backend's resident set at the end of the window
 * @param heapPerCallBytes      live heap after a full GC with the calls up, minus the same before any call, per call
 * @param gcPauses              collections in the window (the backend's {@code jvm_gc_pause_seconds} count)
 * @param gcPauseTotalMs        their summed pause time
 * @param gcPauseMaxMs          Micrometer's max, which decays over about two minutes: the worst recent pause
 * @param generatorLag          how late the generator's 20 ms frames went out
 * @param peerLag               how late the peer's 20 ms deltas went out
 * @param generatorCpuPercent   the generator + peer process's CPU as a share of one core
 * @param counts                frames and events in the window
 * @param insideBridge          the same delays as the backend itself measures them, without the sockets
 */
public record BenchResult(int calls, double windowSeconds, double backendCpuMsPerCallS, double backendCpuPercent,
                          LatencyStats up, LatencyStats down, LatencyStats bargeInTruncate, LatencyStats bargeInClear, long rssKb, long heapPerCallBytes,
                          long gcPauses, double gcPauseTotalMs, double gcPauseMaxMs, LatencyStats generatorLag, LatencyStats peerLag,
                          double generatorCpuPercent, Counts counts, InsideBridge insideBridge) {

    /**
     * What was sent and received in the window. Sent and received differ by what was in flight at
     * the window's edges; a growing gap means the bridge queues or drops.
     */
    public record Counts(long upSent, long upReceived, long downSent, long downReceived, long marksEchoed,
                         long bargeIns, long speechStarted, long truncates, long clears, long untagged,
                         long streamsLost) {
    }

    /**
     * The backend's own histograms over the window ({@code callcoach.bridge.forwarding.delay},
     * {@code callcoach.bargein.reaction}): from our code reading a frame or event to it handing the result
     * to the other socket. Bucket upper bounds, so each figure is "at most".
     *
     * @param up      a caller frame read → its {@code input_audio_buffer.append} written
     * @param down    an audio delta read → its Twilio {@code media} written
     * @param bargeIn {@code speech_started} read → the {@code clear} and the {@code truncate} written
     */
    public record InsideBridge(LatencyStats up, LatencyStats down, LatencyStats bargeIn) {
    }

    /** Markdown: the figures the targets are about, one row per call count. */
    public static String figuresTable(List<BenchResult> results) {
        StringBuilder out = new StringBuilder()
                .append("| calls | backend CPU per call-second | backend CPU | up p50 / p99 / max | down p50 / p99 / max "
                        + "| barge-in → truncate p50 / p99 | barge-in → clear p50 / p99 | RSS | heap per call "
                        + "| GC pauses (count, total, max) |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchResult r : results) {
            out.append("| %d | %.2f ms | %.0f %% | %s ms | %s ms | %s ms | %s ms | %d MB | %s | %d, %.0f ms, %.1f ms |\n".formatted(
                    r.calls, r.backendCpuMsPerCallS, r.backendCpuPercent, r.up.summary(), r.down.summary(),
                    r.bargeInTruncate.p50p99(), r.bargeInClear.p50p99(), r.rssKb / 1024,
                    r.heapPerCallBytes < 0 ? "-" : "%.1f KB".formatted(r.heapPerCallBytes / 1024.0),
                    r.gcPauses, r.gcPauseTotalMs, r.gcPauseMaxMs));
        }
        return out.toString();
    }

    /**
     * Markdown: how much of the delays above the bridge's own code takes; the rest is the sockets, the
     * kernel, waiting for the event loop, and the generator.
     */
    public static String insideBridgeTable(List<BenchResult> results) {
        StringBuilder out = new StringBuilder()
                .append("| calls | inside the bridge: up p50 / p99 / max | down p50 / p99 / max | barge-in reaction p50 / p99 / max |\n")
                .append("|---|---|---|---|\n");
        for (BenchResult r : results) {
            InsideBridge inside = r.insideBridge;
            out.append("| %d | ≤ %s ms | ≤ %s ms | ≤ %s ms |\n".formatted(
                    r.calls, inside.up.summary(), inside.down.summary(), inside.bargeIn.summary()));
        }
        return out.toString();
    }

    /**
     * Markdown: whether the run can be trusted. High generator lag or a generator near 100 % of its
     * core means the generator, not the bridge, was the limit.
     */
    public static String healthTable(List<BenchResult> results) {
        StringBuilder out = new StringBuilder()
                .append("| calls | window | generator lag p50 / p99 / max | peer lag p50 / p99 / max | generator CPU "
                        + "| up sent / received | down sent / received | marks echoed | barge-ins / speech_started / truncates / clears "
                        + "| untagged | streams lost |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchResult r : results) {
            Counts c = r.counts;
            out.append("| %d | %.1f s | %s ms | %s ms | %.0f %% | %d / %d | %d / %d | %d | %d / %d / %d / %d | %d | %d |\n".formatted(
                    r.calls, r.windowSeconds, r.generatorLag.summary(), r.peerLag.summary(), r.generatorCpuPercent,
                    c.upSent, c.upReceived, c.downSent, c.downReceived, c.marksEchoed,
                    c.bargeIns, c.speechStarted, c.truncates, c.clears, c.untagged, c.streamsLost));
        }
        return out.toString();
    }
}
