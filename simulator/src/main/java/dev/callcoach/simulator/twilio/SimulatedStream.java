package dev.callcoach.simulator.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One bidirectional Media Stream of a call as the simulated caller experienced it: what Twilio sent,
 * what the server sent back, what the caller heard and when. Every time is in milliseconds on the
 * stream clock, which starts when the WebSocket opened and is the clock of the {@code timestamp}
 * field of inbound media. Thread-safe; every getter returns a snapshot.
 */
public final class SimulatedStream {

    /** A mark echoed back: when it arrived, when the audio before it finished playing, when it was echoed. */
    public record MarkEcho(String name, long receivedAtMs, long playedAtMs, long echoedAtMs, boolean flushedByClear) {
    }

    /** A {@code clear}: when it arrived, how much unplayed audio it dropped, which pending marks it flushed. */
    public record Clear(long atMs, long droppedMs, List<String> flushedMarks) {
    }

    /**
     * Something the caller said (a {@code speak} or {@code play} step). {@code heardMsAtStart} is all the
     * outbound audio heard before it began; {@code runPlayedMsAtStart} is how much of the playback run
     * then playing (the assistant reply being interrupted) had been heard, 0 when nothing was playing.
     * {@code endMs} is -1 while still speaking.
     */
    public record Utterance(int number, long startMs, long endMs, long heardMsAtStart, long runPlayedMsAtStart) {
    }

    /**
     * Outbound audio that played back to back. {@code playedMs} is what the caller has heard of it so
     * far; after a clear it is final and {@code clearedAtMs} is the clear time (else -1).
     */
    public record PlaybackRun(long startMs, long playedBytes, long playedMs, long scheduledMs, long clearedAtMs) {
    }

    private final String streamSid;
    private final String name;
    private final String url;
    private final String connectedUrl;
    private final String signature;
    private final Map<String, String> customParameters;
    private final Playback playback;
    private final List<String> controlMessagesSent = new ArrayList<>();
    private final List<String> messagesReceived = new ArrayList<>();
    private final List<MarkEcho> marks = new ArrayList<>();
    private final List<Clear> clears = new ArrayList<>();
    private final List<Utterance> utterances = new ArrayList<>();
    private long startNanos = -1;
    private long endNanos = -1;
    private String closedBy;
    private int mediaFramesSent;
    private long lastMediaTimestamp = -1;
    private int mediaMessagesReceived;
    private long audioBytesReceived;

    SimulatedStream(String streamSid, String name, String url, String connectedUrl, String signature,
            Map<String, String> customParameters, boolean keepAudio) {
        this.streamSid = streamSid;
        this.name = name;
        this.url = url;
        this.connectedUrl = connectedUrl;
        this.signature = signature;
        this.customParameters = Map.copyOf(customParameters);
        this.playback = new Playback(keepAudio);
    }

    public String streamSid() {
        return streamSid;
    }

    /** The {@code name} attribute, or the StreamSid when the TwiML gave none. */
    public String name() {
        return name;
    }

    /** The {@code wss://} URL as written in the TwiML; the handshake signature covers exactly this. */
    public String url() {
        return url;
    }

    /** Where FakeTwilio actually connected, after URL rewriting. */
    public String connectedUrl() {
        return connectedUrl;
    }

    /** The {@code x-twilio-signature} header sent with the upgrade. */
    public String signature() {
        return signature;
    }

    public Map<String, String> customParameters() {
        return customParameters;
    }

    public synchronized boolean isOpen() {
        return startNanos >= 0 && endNanos < 0;
    }

    /** {@code caller} (hung up), {@code server} (closed the socket), {@code twilio} (REST update, redirect, time limit) or {@code failed}. */
    public synchronized Optional<String> closedBy() {
        return Optional.ofNullable(closedBy);
    }

    /** The stream clock now, or when the stream ended. */
    public synchronized long elapsedMs() {
        return startNanos < 0 ? 0 : nowNs() / 1_000_000;
    }

    public synchronized int mediaFramesSent() {
        return mediaFramesSent;
    }

    /** The {@code timestamp} of the last inbound media frame sent, -1 before the first. */
    public synchronized long lastMediaTimestamp() {
        return lastMediaTimestamp;
    }

    /** Every non-media message Twilio sent ({@code connected}, {@code start}, {@code mark}, {@code dtmf}, {@code stop}), as sent. */
    public synchronized List<String> controlMessagesSent() {
        return List.copyOf(controlMessagesSent);
    }

    /** Every message the server sent except {@code media}, as received (invalid ones included). */
    public synchronized List<String> messagesReceived() {
        return List.copyOf(messagesReceived);
    }

    public synchronized int mediaMessagesReceived() {
        return mediaMessagesReceived;
    }

    public synchronized long audioBytesReceived() {
        return audioBytesReceived;
    }

    public synchronized List<MarkEcho> marks() {
        return List.copyOf(marks);
    }

    public synchronized List<Clear> clears() {
        return List.copyOf(clears);
    }

    public synchronized List<Utterance> utterances() {
        return List.copyOf(utterances);
    }

    public synchronized List<PlaybackRun> playbackRuns() {
        long now = nowNs();
        return playback.runs().stream()
                .map(run -> new PlaybackRun(run.startNs() / 1_000_000, run.playedBytesAt(now),
                        run.playedBytesAt(now) / 8, run.bytes() / 8,
                        run.clearedAtNs() < 0 ? -1 : run.clearedAtNs() / 1_000_000))
                .toList();
    }

    /** All outbound audio the caller has heard so far, μ-law, in playing order (empty if audio recording is off). */
    public synchronized byte[] heardAudio() {
        return playback.heardAudioAt(nowNs());
    }

    /** What the caller heard of playback run {@code index} (as in {@link #playbackRuns()}), μ-law. */
    public synchronized byte[] heardAudioOfRun(int index) {
        return playback.runs().get(index).playedAudioAt(nowNs());
    }

    public synchronized long heardMs() {
        return playback.playedBytesAt(nowNs()) / 8;
    }

    /** How much of the run playing at stream time {@code streamMs} had been heard by then; 0 when idle. */
    public synchronized long runPlayedMsAt(long streamMs) {
        long ns = streamMs * 1_000_000;
        Playback.Run run = playback.runAt(ns);
        return run == null ? 0 : run.playedBytesAt(ns) / 8;
    }

    // ---- driven by MediaStreamClient on the call's event loop ----

    synchronized void opened(long startNanos) {
        this.startNanos = startNanos;
    }

    synchronized void ended(String by) {
        if (endNanos < 0) {
            endNanos = System.nanoTime();
            closedBy = startNanos < 0 ? "failed" : by;
        }
    }

    /** Nanoseconds on the stream clock now (frozen once the stream ended). */
    synchronized long nowNs() {
        if (startNanos < 0) {
            return 0;
        }
        return (endNanos >= 0 ? endNanos : System.nanoTime()) - startNanos;
    }

    synchronized long startNanos() {
        return startNanos;
    }

    synchronized void controlSent(String json) {
        controlMessagesSent.add(json);
    }

    synchronized void mediaSent(long timestamp) {
        mediaFramesSent++;
        lastMediaTimestamp = timestamp;
    }

    synchronized void received(String message) {
        messagesReceived.add(message);
    }

    synchronized void mediaReceived(long nowNs, byte[] audio) {
        mediaMessagesReceived++;
        audioBytesReceived += audio.length;
        playback.enqueueAudio(nowNs, audio);
    }

    synchronized void markReceived(long nowNs, String mark) {
        playback.enqueueMark(nowNs, mark);
    }

    synchronized List<Playback.Echo> takeDueMarks(long nowNs) {
        List<Playback.Echo> due = playback.takeDueMarks(nowNs);
        due.forEach(this::recordEcho);
        return due;
    }

    synchronized long nextMarkDueNs() {
        return playback.nextMarkDueNs().orElse(-1);
    }

    synchronized List<Playback.Echo> clear(long nowNs) {
        Playback.Cleared cleared = playback.clear(nowNs);
        cleared.flushed().forEach(this::recordEcho);
        clears.add(new Clear(nowNs / 1_000_000, cleared.droppedBytes() / 8,
                cleared.flushed().stream().map(Playback.Echo::name).toList()));
        return cleared.flushed();
    }

    synchronized void utteranceStarted(int number, long startNs) {
        Playback.Run run = playback.runAt(startNs);
        utterances.add(new Utterance(number, startNs / 1_000_000, -1, playback.playedBytesAt(startNs) / 8,
                run == null ? 0 : run.playedBytesAt(startNs) / 8));
    }

    synchronized void utteranceEnded(int number, long endNs) {
        for (int i = utterances.size() - 1; i >= 0; i--) {
            Utterance u = utterances.get(i);
            if (u.number() == number) {
                utterances.set(i, new Utterance(number, u.startMs(), endNs / 1_000_000, u.heardMsAtStart(), u.runPlayedMsAtStart()));
                return;
            }
        }
    }

    synchronized Playback playback() {
        return playback;
    }

    private void recordEcho(Playback.Echo echo) {
        marks.add(new MarkEcho(echo.name(), echo.receivedNs() / 1_000_000, echo.dueNs() / 1_000_000,
                nowNs() / 1_000_000, echo.flushed()));
    }
}
