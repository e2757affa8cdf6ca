package dev.callcoach.webapp.channel;

import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.ChannelMessage;
import dev.callcoach.contracts.channel.ChannelProtocol;
import dev.callcoach.contracts.channel.ChannelProtocolException;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ChannelRequest;
import dev.callcoach.contracts.channel.ErrorReply;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.contracts.channel.Unsubscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The one WebSocket this webapp instance keeps to the backend, shared by every page.
 *
 * <p>Requests are matched to replies by correlation id and fail with a {@link ChannelException} when there is
 * no connection or no reply in time. Session events go to the listeners subscribed to that session. The
 * connection reopens on its own with exponential backoff and jitter, and every session that still has a
 * listener is subscribed again on the new connection.
 */
public final class ChannelClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChannelClient.class);
    private static final int PINGS_MISSED_BEFORE_GIVING_UP = 3;

    private final ChannelProperties properties;
    private final HttpClient http;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final ChannelCodec codec = new ChannelCodec();
    private final Map<String, CompletableFuture<ChannelReply>> pending = new ConcurrentHashMap<>();
    private final Map<UUID, List<Consumer<ChannelEvent>>> listeners = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final String idPrefix = Long.toString(RandomGenerator.getDefault().nextLong() & 0xffffffL, 36) + "-";

    private volatile Connection current;
    private volatile boolean closed;
    /** Failed attempts since the last open connection; touched only on the scheduler thread. */
    private int failedAttempts;

    public ChannelClient(ChannelProperties properties) {
        this(properties, HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build(),
                RandomGenerator.getDefault());
    }

    ChannelClient(ChannelProperties properties, HttpClient http, RandomGenerator random) {
        this.properties = properties;
        this.http = http;
        this.backoff = new Backoff(properties.reconnectMinDelay(), properties.reconnectMaxDelay(), random);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "channel-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts connecting in the background; requests fail fast until the connection is open. */
    public void start() {
        if (properties.token().isBlank()) {
            log.warn("event=channel_token_missing effect=\"the backend will refuse the connection\" env=CHANNEL_TOKEN");
        }
        long ping = properties.pingInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::keepAlive, ping, ping, TimeUnit.MILLISECONDS);
        scheduler.execute(this::connect);
    }

    /** Whether the connection to the backend is open right now. */
    public boolean isConnected() {
        return current != null;
    }

    /**
     * Sends a request and returns its reply. The factory gets the correlation id to build the request with.
     * An {@code error} reply, a lost connection or no reply in time complete the future with a
     * {@link ChannelException}.
     */
    public CompletableFuture<ChannelReply> request(Function<String, ? extends ChannelRequest> factory) {
        String id = idPrefix + lastId.incrementAndGet();
        ChannelRequest request = factory.apply(id);
        Connection connection = current;
        if (connection == null) {
            return CompletableFuture.failedFuture(ChannelException.unavailable());
        }
        CompletableFuture<ChannelReply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        reply.orTimeout(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, failure) -> pending.remove(id));
        connection.send(codec.encode(request)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(ChannelException.unavailable());
            }
        });
        return reply.exceptionallyCompose(failure -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof TimeoutException) {
                log.warn("event=channel_request_timeout type={} correlationId={}",
                        ChannelProtocol.typeName(request.getClass()), id);
                return CompletableFuture.failedFuture(ChannelException.timeout());
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** {@link #request} and wait for the reply. */
    public ChannelReply exchange(Function<String, ? extends ChannelRequest> factory) {
        try {
            return request(factory).get();
        } catch (ExecutionException e) {
            throw unwrapped(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChannelException.unavailable();
        }
    }

    /** {@link #exchange} for a request with exactly one kind of successful reply. */
    public <R extends ChannelReply> R exchange(Function<String, ? extends ChannelRequest> factory, Class<R> replyType) {
        ChannelReply reply = exchange(factory);
        if (!replyType.isInstance(reply)) {
            log.warn("event=channel_unexpected_reply expected={} got={}", replyType.getSimpleName(),
                    reply.getClass().getSimpleName());
            throw ChannelException.unexpected();
        }
        return replyType.cast(reply);
    }

    /**
     * Starts delivering a session's events to the listener (on the channel's thread: keep it short) and waits
     * until the backend confirmed. Until the subscription is closed the session is subscribed again after
     * every reconnection.
     *
     * @throws ChannelException when the backend cannot be reached or refuses
     */
    public Subscription subscribe(UUID sessionId, Consumer<ChannelEvent> listener) {
        boolean first = addListener(sessionId, listener);
        Subscription subscription = () -> removeListener(sessionId, listener);
        if (first) {
            try {
                exchange(id -> new Subscribe(id, sessionId), Ack.class);
            } catch (RuntimeException e) {
                subscription.close();
                throw e;
            }
        }
        return subscription;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        Connection connection = current;
        current = null;
        if (connection != null) {
            connection.close();
        }
        failPending();
    }

    private boolean addListener(UUID sessionId, Consumer<ChannelEvent> listener) {
        boolean[] first = {false};
        listeners.compute(sessionId, (id, existing) -> {
            List<Consumer<ChannelEvent>> list = existing == null ? new CopyOnWriteArrayList<>() : existing;
            first[0] = list.isEmpty();
            list.add(listener);
            return list;
        });
        return first[0];
    }

    private void removeListener(UUID sessionId, Consumer<ChannelEvent> listener) {
        boolean[] last = {false};
        listeners.computeIfPresent(sessionId, (id, list) -> {
            if (list.remove(listener) && list.isEmpty()) {
                last[0] = true;
                return null;
            }
            return list;
        });
        if (last[0] && current != null) {
            request(id -> new Unsubscribe(id, sessionId)).exceptionally(failure -> {
                log.debug("event=channel_unsubscribe_failed sessionId={} error=\"{}\"", sessionId, failure.getMessage());
                return null;
            });
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        Connection connection = new Connection();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(properties.connectTimeout());
        if (!properties.token().isBlank()) {
            builder.header(ChannelProtocol.TOKEN_HEADER, ChannelProtocol.BEARER_PREFIX + properties.token());
        }
        builder.buildAsync(properties.url(), connection).whenComplete((socket, failure) -> {
            if (failure != null) {
                onScheduler(() -> connectFailed(unwrap(failure)));
            } else {
                onScheduler(() -> opened(connection));
            }
        });
    }

    private void opened(Connection connection) {
        if (closed) {
            connection.close();
            return;
        }
        if (connection.closed) {
            scheduleReconnect();
            return;
        }
        failedAttempts = 0;
        current = connection;
        log.info("event=channel_connected url={} sessions={}", properties.url(), listeners.size());
        for (UUID sessionId : listeners.keySet()) {
            request(id -> new Subscribe(id, sessionId)).exceptionally(failure -> {
                log.warn("event=channel_resubscribe_failed sessionId={} error=\"{}\"", sessionId, failure.getMessage());
                return null;
            });
        }
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

    /** Called once per lost connection, from the socket's thread. */
    private void lost(Connection connection, String why) {
        onScheduler(() -> {
            if (current == connection) {
                current = null;
                log.warn("event=channel_disconnected reason=\"{}\" pendingRequests={}", why, pending.size());
                failPending();
                scheduleReconnect();
            }
        });
    }

    /** Runs on the scheduler thread, which owns the connection state; nothing runs once the client is closed. */
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
        Connection connection = current;
        if (connection == null) {
            return;
        }
        long silentMillis = System.currentTimeMillis() - connection.lastHeardMillis;
        if (silentMillis > PINGS_MISSED_BEFORE_GIVING_UP * properties.pingInterval().toMillis()) {
            log.warn("event=channel_silent silentMs={} action=reconnect", silentMillis);
            connection.abort();
            lost(connection, "no answer to pings");
        } else {
            connection.ping();
        }
    }

    private void failPending() {
        for (CompletableFuture<ChannelReply> reply : pending.values()) {
            reply.completeExceptionally(ChannelException.unavailable());
        }
    }

    private void dispatch(String frame) {
        ChannelMessage message;
        try {
            message = codec.decode(frame);
        } catch (ChannelProtocolException e) {
            log.warn("event=channel_bad_frame code={} correlationId={} error=\"{}\"", e.code(), e.correlationId(),
                    e.getMessage());
            CompletableFuture<ChannelReply> reply = e.correlationId() == null ? null : pending.get(e.correlationId());
            if (reply != null) {
                reply.completeExceptionally(ChannelException.unexpected());
            }
            return;
        }
        switch (message) {
            case ChannelEvent event -> deliver(event);
            case ChannelReply reply -> complete(reply);
            case ChannelRequest request ->
                    log.warn("event=channel_unexpected_request type={}", ChannelProtocol.typeName(request.getClass()));
        }
    }

    private void complete(ChannelReply reply) {
        if (reply.correlationId() == null) {
            if (reply instanceof ErrorReply error) {
                log.warn("event=channel_error_reply code={} message=\"{}\"", error.code(), error.message());
            }
            return;
        }
        CompletableFuture<ChannelReply> future = pending.get(reply.correlationId());
        if (future == null) {
            log.debug("event=channel_late_reply correlationId={}", reply.correlationId());
            return;
        }
        if (reply instanceof ErrorReply error) {
            log.warn("event=channel_error_reply correlationId={} code={} message=\"{}\"", error.correlationId(),
                    error.code(), error.message());
            future.completeExceptionally(ChannelException.of(error));
        } else {
            future.complete(reply);
        }
    }

    private void deliver(ChannelEvent event) {
        List<Consumer<ChannelEvent>> sessionListeners = listeners.get(event.sessionId());
        if (sessionListeners == null) {
            return;
        }
        for (Consumer<ChannelEvent> listener : sessionListeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.error("event=channel_listener_failed sessionId={}", event.sessionId(), e);
            }
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static RuntimeException unwrapped(ExecutionException e) {
        return unwrap(e) instanceof RuntimeException runtime ? runtime : ChannelException.unavailable();
    }

    /** One open (or opening) socket: reassembles text frames and serialises sends. */
    private final class Connection implements WebSocket.Listener {

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
                    dispatch(text);
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
