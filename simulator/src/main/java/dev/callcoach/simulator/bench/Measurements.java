package dev.callcoach.simulator.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the generator and the Realtime peer measure during one run, written from their event loops
 * and read by the run. The peer notes when it sent each call's {@code speech_started}, so that the
 * generator can time the {@code clear} that follows on the Twilio side.
 */
final class Measurements {

    /** Generator → bridge → peer: tag time to {@code input_audio_buffer.append} arriving. */
    final LatencyRecorder up = new LatencyRecorder();
    /** Peer → bridge → generator: tag time to the Twilio {@code media} arriving. */
    final LatencyRecorder down = new LatencyRecorder();
    /** Peer: {@code speech_started} sent to {@code conversation.item.truncate} arriving. */
    final LatencyRecorder truncate = new LatencyRecorder();
    /** Generator: the peer's {@code speech_started} sent to Twilio's {@code clear} arriving. */
    final LatencyRecorder clear = new LatencyRecorder();
    /** How late the generator's 20 ms frames went out against their schedule. */
    final LatencyRecorder generatorLag = new LatencyRecorder();
    /** How late the peer's 20 ms audio deltas went out against their schedule. */
    final LatencyRecorder peerLag = new LatencyRecorder();

    final LongAdder upSent = new LongAdder();
    final LongAdder downSent = new LongAdder();
    final LongAdder marksEchoed = new LongAdder();
    final LongAdder bargeIns = new LongAdder();
    final LongAdder speechStarted = new LongAdder();
    /** Frames that arrived without a readable tag; the bridge should never produce any. */
    final LongAdder untagged = new LongAdder();
    /** Media Streams the backend closed before the generator hung up, over the whole run (never reset). */
    final LongAdder streamsLost = new LongAdder();

    private final AtomicLongArray speechStartedAt;

    Measurements(int maxCalls) {
        speechStartedAt = new AtomicLongArray(maxCalls);
    }

    void speechStartedSent(int callId, long nanos) {
        if (callId >= 0 && callId < speechStartedAt.length()) {
            speechStartedAt.set(callId, nanos);
        }
        speechStarted.increment();
    }

    /** When the last {@code speech_started} of this call was sent, or 0 if none was. */
    long speechStartedAt(int callId) {
        return callId >= 0 && callId < speechStartedAt.length() ? speechStartedAt.get(callId) : 0;
    }

    /** Starts the measured window: everything recorded during set-up and warm-up is dropped. */
    void reset() {
        for (LatencyRecorder recorder : new LatencyRecorder[] {up, down, truncate, clear, generatorLag, peerLag}) {
            recorder.reset();
        }
        for (LongAdder counter : new LongAdder[] {upSent, downSent, marksEchoed, bargeIns, speechStarted, untagged}) {
            counter.reset();
        }
    }
}
