package dev.callcoach.webapp.channel;

import dev.callcoach.contracts.channel.ChannelProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The socket to the backend and nothing else: opens it, reopens it with exponential backoff and jitter
 * after it drops, pings it, and hands whole text frames to its {@link Events}. Knows nothing of requests or
 * sessions.
 */
final class ChannelConnection implements AutoCloseable {

    /** What the connection tells its owner, always on the connection's own thread, one at a time. */
    interface Events {
        void opened();

        void frame(String text);

        /** An open connection was lost; it is being reopened. */
        void lost(String why);
    }

    private static final Logger log = LoggerFactory.getLogger(ChannelConnection.class);
    private static final int PINGS_MISSED_BEFORE_GIVING_UP = 3;

    private final ChannelProperties properties;
    private final HttpClient http;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private Events events;

    private volatile Socket current;
    private volatile boolean closed;
    /** Failed attempts since the last open connection; touched only on the scheduler thread. */
    private int failedAttempts;

    ChannelConnection(ChannelProperties properties, HttpClient http, RandomGenerator random) {
        this.properties = properties;
        this.http = http;
        this.backoff = new Backoff(properties.reconnectMinDelay(), properties.reconnectMaxDelay(), random);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "channel-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts connecting in the background. */
    void start(Events events) {
        this.events = events;
        if (properties.token().isBlank()) {
            log.warn("event=channel_token_missing effect=\"the backend will refuse the connection\" env=CHANNEL_TOKEN");
        }
        long ping = properties.pingInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::keepAlive, ping, ping, TimeUnit.MILLISECONDS);
        scheduler.execute(this::connect);
    }

    boolean isOpen() {
        return current != null;
    }

    /** Sends a text frame; fails at once when there is no open connection. */
    CompletableFuture<?> send(String text) {
        Socket socket = current;
        if (socket == null) {
            return CompletableFuture.failedFuture(ChannelException.unavailable());
        }
        return socket.send(text);
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        Socket socket = current;
        current = null;
        if (socket != null) {
            socket.close();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        Socket socket = new Socket();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(properties.connectTimeout());
        if (!properties.token().isBlank()) {
            builder.header(ChannelProtocol.TOKEN_HEADER, ChannelProtocol.BEARER_PREFIX + properties.token());
        }
        builder.buildAsync(properties.url(), socket).whenComplete((ignored, failure) -> {
            if (failure != null) {
                onScheduler(() -> connectFailed(unwrap(failure)));
            } else {
                onScheduler(() -> opened(socket));
            }
        });
    }

    private void opened(Socket socket) {
        if (closed) {
            socket.close();
            return;
        }
        if (socket.closed) {
            scheduleReconnect();
            return;
        }
        failedAttempts = 0;
        current = socket;
        log.info("event=channel_connected url={}", properties.url());
        events.opened();
    }

    private void connectFailed(Throwable failure) {
        // Every attempt would flood the log while the backend is down; the first few and every tenth tell.
        if (failedAttempts < 3 || failedAttempts % 10 == 0) {
            if (failure instanceof WebSocketHandshakeException handshake) {
                int status = handshake.getResponse().statusCode();
                log.warn("event=channel_handshake_refused url={} attempt={} status={} hint=\"{}\"", properties.url(),
                        failedAttempts + 1, status,
                        status == 401 || status == 403 ? "check CHANNEL_TOKEN on both sides" : "check the backend URL");
            } else {
                log.warn("event=channel_connect_failed url={} attempt={} error=\"{}\"", properties.url(),
                        failedAttempts + 1, failure.toString());
            }
        }
        scheduleReconnect();
    }

    /** Called once per lost socket, from the socket's thread. */
    private void lost(Socket socket, String why) {
        onScheduler(() -> {
            if (current == socket) {
                current = null;
                log.warn("event=channel_disconnected reason=\"{}\"", why);
                events.lost(why);
                scheduleReconnect();
            }
        });
    }

    /** Runs on the scheduler thread, which owns the connection state; nothing runs once closed. */
    private void onScheduler(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: nothing left to do
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        Duration delay = backoff.delay(failedAttempts++);
        log.debug("event=channel_reconnect_scheduled delayMs={}", delay.toMillis());
        try {
            scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void keepAlive() {
        Socket socket = current;
        if (socket == null) {
            return;
        }
        long silentMillis = System.currentTimeMillis() - socket.lastHeardMillis;
        if (silentMillis > PINGS_MISSED_BEFORE_GIVING_UP * properties.pingInterval().toMillis()) {
            log.warn("event=channel_silent silentMs={} action=reconnect", silentMillis);
            socket.abort();
            lost(socket, "no answer to pings");
        } else {
            socket.ping();
        }
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** One open (or opening) socket: reassembles text frames and serialises sends. */
    private final class Socket implements WebSocket.Listener {

        private final StringBuilder frame = new StringBuilder();
        private boolean discardingOversizedFrame;
        private WebSocket socket;
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
        private volatile boolean closed;
        private volatile long lastHeardMillis = System.currentTimeMillis();

        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (this) {
                socket = webSocket;
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeardMillis = System.currentTimeMillis();
            if (!discardingOversizedFrame) {
                frame.append(data);
                if (frame.length() > ChannelProtocol.MAX_FRAME_BYTES) {
                    log.warn("event=channel_frame_too_large limitBytes={}", ChannelProtocol.MAX_FRAME_BYTES);
                    discardingOversizedFrame = true;
                    frame.setLength(0);
                }
            }
            if (last) {
                if (!discardingOversizedFrame) {
                    String text = frame.toString();
                    frame.setLength(0);
                    events.frame(text);
                }
                discardingOversizedFrame = false;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            log.warn("event=channel_binary_frame_ignored");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeardMillis = System.currentTimeMillis();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeardMillis = System.currentTimeMillis();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            lost(this, "closed by backend: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            lost(this, error.toString());
        }

        /** Queues a text frame behind the previous send: the JDK socket allows one outstanding at a time. */
        synchronized CompletableFuture<?> send(String text) {
            WebSocket target = socket;
            CompletableFuture<?> next = lastSend.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> target.sendText(text, true));
            lastSend = next;
            return next;
        }

        synchronized void ping() {
            WebSocket target = socket;
            lastSend = lastSend.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> target.sendPing(ByteBuffer.allocate(0)));
        }

        synchronized void close() {
            closed = true;
            if (socket != null) {
                WebSocket target = socket;
                lastSend.handle((ignored, failure) -> null)
                        .thenCompose(ignored -> target.sendClose(WebSocket.NORMAL_CLOSURE, "webapp stopping"))
                        .orTimeout(1, TimeUnit.SECONDS)
                        .whenComplete((ignored, failure) -> target.abort());
            }
        }

        synchronized void abort() {
            closed = true;
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
