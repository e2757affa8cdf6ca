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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The one link this webapp instance keeps to the backend, shared by every page: requests with replies
 * ({@link PendingReplies}) and session events to their listeners ({@link SessionListeners}) over one
 * self-healing socket ({@link ChannelConnection}). After a reconnection every session that still has a
 * listener is subscribed again; while the connection is down its listeners are told so.
 */
public final class ChannelClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChannelClient.class);

    private final ChannelConnection connection;
    private final PendingReplies pending;
    private final SessionListeners listeners = new SessionListeners();
    private final ChannelCodec codec = new ChannelCodec();
    private final AtomicLong lastId = new AtomicLong();
    private final String idPrefix = Long.toString(RandomGenerator.getDefault().nextLong() & 0xffffffL, 36) + "-";

    public ChannelClient(ChannelProperties properties) {
        this(properties, HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build(),
                RandomGenerator.getDefault());
    }

    ChannelClient(ChannelProperties properties, HttpClient http, RandomGenerator random) {
        this.connection = new ChannelConnection(properties, http, random);
        this.pending = new PendingReplies(properties.requestTimeout(), System::nanoTime);
    }

    /** Starts connecting in the background; requests fail fast until the connection is open. */
    public void start() {
        connection.start(new ChannelConnection.Events() {
            @Override
            public void opened() {
                resubscribe();
            }

            @Override
            public void frame(String text) {
                dispatch(text);
            }

            @Override
            public void lost(String why) {
                log.warn("event=channel_requests_failed pendingRequests={} sessions={}", pending.size(),
                        listeners.sessions().size());
                pending.failAll();
                listeners.connectionLost();
            }
        });
    }

    /** Whether the connection to the backend is open right now. */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /**
     * Sends a request and returns its reply. The factory gets the correlation id to build the request with.
     * An {@code error} reply, a lost connection or no reply in time complete the future with a
     * {@link ChannelException}.
     */
    public CompletableFuture<ChannelReply> request(Function<String, ? extends ChannelRequest> factory) {
        return request(factory, null);
    }

    /**
     * {@link #request}, and should the reply come after the request stopped waiting for it, hands it to
     * {@code onLate} (on the channel's thread: keep it short, don't block).
     */
    public CompletableFuture<ChannelReply> request(Function<String, ? extends ChannelRequest> factory,
                                                   Consumer<ChannelReply> onLate) {
        String id = idPrefix + lastId.incrementAndGet();
        ChannelRequest request = factory.apply(id);
        if (!connection.isOpen()) {
            return CompletableFuture.failedFuture(ChannelException.unavailable());
        }
        CompletableFuture<ChannelReply> reply = pending.expect(id, onLate);
        connection.send(codec.encode(request)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(ChannelException.unavailable());
            }
        });
        return reply.exceptionallyCompose(failure -> {
            Throwable cause = ChannelConnection.unwrap(failure);
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
        return await(request(factory));
    }

    /** {@link #request(Function, Consumer)} and wait for the reply. */
    public ChannelReply exchange(Function<String, ? extends ChannelRequest> factory, Consumer<ChannelReply> onLate) {
        return await(request(factory, onLate));
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
     * Starts delivering a session's events to the listener and waits until the backend confirmed. Until the
     * subscription is closed the session is subscribed again after every reconnection.
     *
     * @throws ChannelException when the backend cannot be reached or refuses
     */
    public Subscription subscribe(UUID sessionId, SessionListener listener) {
        boolean first = listeners.add(sessionId, listener);
        Subscription subscription = () -> unsubscribe(sessionId, listener);
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
        connection.close();
        pending.failAll();
    }

    private void unsubscribe(UUID sessionId, SessionListener listener) {
        if (listeners.remove(sessionId, listener) && connection.isOpen()) {
            request(id -> new Unsubscribe(id, sessionId)).exceptionally(failure -> {
                log.debug("event=channel_unsubscribe_failed sessionId={} error=\"{}\"", sessionId, failure.getMessage());
                return null;
            });
        }
    }

    private void resubscribe() {
        for (UUID sessionId : listeners.sessions()) {
            request(id -> new Subscribe(id, sessionId)).exceptionally(failure -> {
                log.warn("event=channel_resubscribe_failed sessionId={} error=\"{}\"", sessionId, failure.getMessage());
                return null;
            });
        }
    }

    private void dispatch(String frame) {
        ChannelMessage message;
        try {
            message = codec.decode(frame);
        } catch (ChannelProtocolException e) {
            log.warn("event=channel_bad_frame code={} correlationId={} error=\"{}\"", e.code(), e.correlationId(),
                    e.getMessage());
            if (e.correlationId() != null) {
                pending.fail(e.correlationId(), ChannelException.unexpected());
            }
            return;
        }
        switch (message) {
            case ChannelEvent event -> listeners.deliver(event);
            case ChannelReply reply -> complete(reply);
            case ChannelRequest request ->
                    log.warn("event=channel_unexpected_request type={}", ChannelProtocol.typeName(request.getClass()));
        }
    }

    private void complete(ChannelReply reply) {
        if (reply instanceof ErrorReply error) {
            log.warn("event=channel_error_reply correlationId={} code={} message=\"{}\"", error.correlationId(),
                    error.code(), error.message());
        }
        if (reply.correlationId() != null) {
            pending.complete(reply);
        }
    }

    private static ChannelReply await(CompletableFuture<ChannelReply> reply) {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            throw ChannelConnection.unwrap(e) instanceof RuntimeException runtime ? runtime : ChannelException.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChannelException.unavailable();
        }
    }
}
