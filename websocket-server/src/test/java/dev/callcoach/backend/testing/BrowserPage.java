package dev.callcoach.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callcoach.simulator.audio.SpeechSignal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A practice page's media socket as the browser's JavaScript speaks it (docs/protocols.md, "Browser media
 * socket"): a microphone sending 20 ms of PCM16 24 kHz all the time (silence, or a speech-like signal while
 * {@link #speak} runs), and a player that plays what arrives in real time, echoes marks when their audio has
 * played, reports {@code played} every 100 ms, and on {@code clear} drops what is queued, reports at once
 * and echoes pending marks.
 */
public final class BrowserPage implements AutoCloseable {

    /** The origin the test backend allows ({@code %test.callcoach.browser.allowed-origins}). */
    public static final String ORIGIN = "http://webapp.test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BYTES_PER_MS = 48;
    private static final int FRAME_BYTES = 960;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile Short closeCode;
    private final Map<String, ScheduledFuture<?>> pendingMarks = new HashMap<>();
    private final List<Long> playedAtClears = new ArrayList<>();
    private WebSocket socket;
    private long receivedBytes;
    private long keptBytes;
    private long endNanos;
    private long speakingUntilNanos;
    private long playedWhenSpeechBegan = -1;
    private long sample;
    private int marksEchoed;

    private BrowserPage() {
    }

    /** Opens the session's media socket from the allowed origin; fails if the upgrade is refused. */
    public static BrowserPage open(Vertx vertx, URI base, UUID session, String token) throws Exception {
        BrowserPage page = new BrowserPage();
        WebSocket socket = await(connect(vertx, base, session.toString(), token, ORIGIN));
        page.socket = socket;
        socket.textMessageHandler(page::onText);
        socket.binaryMessageHandler(frame -> page.onAudio(frame.length()));
        socket.closeHandler(ignored -> {
            Short code = socket.closeStatusCode();
            page.closeCode = code != null ? code : (short) -1;
        });
        page.timer.scheduleAtFixedRate(page::microphone, 0, 20, TimeUnit.MILLISECONDS);
        page.timer.scheduleAtFixedRate(page::reportPlayed, 100, 100, TimeUnit.MILLISECONDS);
        return page;
    }

    /**
     * The HTTP status the upgrade is refused with, or 101 when it is accepted (the socket is closed again at
     * once). A null {@code token} or {@code origin} is not sent.
     */
    public static int upgradeStatus(Vertx vertx, URI base, String sessionPath, String token, String origin) throws Exception {
        try {
            WebSocket socket = await(connect(vertx, base, sessionPath, token, origin));
            await(socket.close());
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
    }

    private static Future<WebSocket> connect(Vertx vertx, URI base, String sessionPath, String token, String origin) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost()).setPort(base.getPort())
                .setURI("/browser/media/" + sessionPath + (token == null ? "" : "?token=" + token))
                // Vert.x would otherwise send an Origin of its own.
                .setAllowOriginHeader(origin != null);
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        return vertx.createWebSocketClient().connect(options);
    }

    private static <T> T await(Future<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The caller talks for {@code ms} from now; the microphone sends silence before and after. */
    public synchronized void speak(long ms) {
        playedWhenSpeechBegan = playedMs(System.nanoTime());
        speakingUntilNanos = System.nanoTime() + ms * 1_000_000;
    }

    public synchronized long receivedSamples() {
        return receivedBytes / 2;
    }

    public synchronized long playedMs() {
        return playedMs(System.nanoTime());
    }

    /** What had played when {@link #speak} was called, or -1. */
    public synchronized long playedWhenSpeechBegan() {
        return playedWhenSpeechBegan;
    }

    /** What had played at each {@code clear}, in order. */
    public synchronized List<Long> playedAtClears() {
        return List.copyOf(playedAtClears);
    }

    public synchronized int marksEchoed() {
        return marksEchoed;
    }

    public boolean isClosed() {
        return closeCode != null;
    }

    /** The close code the socket was closed with, or null while it is open. */
    public Short closeCode() {
        return closeCode;
    }

    /** Sends a frame as it is, e.g. a malformed one. */
    public void sendText(String frame) throws Exception {
        await(socket.writeTextMessage(frame));
    }

    public void sendBinary(byte[] frame) throws Exception {
        await(socket.writeBinaryMessage(Buffer.buffer(frame)));
    }

    private synchronized void onAudio(int bytes) {
        long now = System.nanoTime();
        endNanos = Math.max(endNanos, now) + bytes * 1_000_000L / BYTES_PER_MS;
        receivedBytes += bytes;
        keptBytes += bytes;
    }

    private synchronized void onText(String frame) {
        JsonNode message;
        try {
            message = JSON.readTree(frame);
        } catch (Exception e) {
            throw new IllegalStateException("the backend sent bad JSON: " + frame, e);
        }
        switch (message.path("type").asText()) {
            case "mark" -> {
                String name = message.path("name").asText();
                long delay = Math.max(0, endNanos - System.nanoTime());
                pendingMarks.put(name, timer.schedule(() -> echo(name), delay, TimeUnit.NANOSECONDS));
            }
            case "clear" -> {
                long now = System.nanoTime();
                keptBytes -= Math.max(0, endNanos - now) * BYTES_PER_MS / 1_000_000L;
                endNanos = now;
                playedAtClears.add(playedMs(now));
                send("{\"type\":\"played\",\"ms\":" + playedMs(now) + "}");
                for (String name : List.copyOf(pendingMarks.keySet())) {
                    pendingMarks.get(name).cancel(false);
                    echo(name);
                }
            }
            default -> throw new IllegalStateException("unexpected frame from the backend: " + frame);
        }
    }

    private synchronized void echo(String name) {
        if (pendingMarks.remove(name) != null) {
            marksEchoed++;
            send("{\"type\":\"mark\",\"name\":\"" + name + "\"}");
        }
    }

    private synchronized void reportPlayed() {
        send("{\"type\":\"played\",\"ms\":" + playedMs(System.nanoTime()) + "}");
    }

    private void microphone() {
        byte[] frame = new byte[FRAME_BYTES];
        synchronized (this) {
            boolean speaking = System.nanoTime() < speakingUntilNanos;
            for (int i = 0; i < FRAME_BYTES / 2; i++, sample++) {
                // SpeechSignal is 8 kHz; holding each sample for three gives 24 kHz, loud enough for any VAD.
                short value = speaking ? SpeechSignal.sample(1, sample / 3) : 0;
                frame[2 * i] = (byte) value;
                frame[2 * i + 1] = (byte) (value >> 8);
            }
        }
        send(frame);
    }

    private long playedMs(long now) {
        return (keptBytes - Math.max(0, endNanos - now) * BYTES_PER_MS / 1_000_000L) / BYTES_PER_MS;
    }

    private void send(String frame) {
        if (!isClosed()) {
            socket.writeTextMessage(frame);
        }
    }

    private void send(byte[] frame) {
        if (!isClosed()) {
            socket.writeBinaryMessage(Buffer.buffer(frame));
        }
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        if (!isClosed()) {
            await(socket.close());
        }
    }
}
