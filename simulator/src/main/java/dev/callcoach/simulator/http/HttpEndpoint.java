package dev.callcoach.simulator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A listening Vert.x HTTP server owned by one fake; starting and closing block, so JUnit code and
 * {@code main} can use it directly (never call them on an event-loop thread).
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final Duration BLOCKING_LIMIT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpServer server;
    /** In front of the server when connections must be cuttable; null otherwise. */
    private final DroppingRelay relay;
    private final String host;

    private HttpEndpoint(Vertx vertx, boolean ownsVertx, HttpServer server, DroppingRelay relay, String host) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.server = server;
        this.relay = relay;
        this.host = host;
    }

    /**
     * Starts a server on {@code host:port} (0 = a free port). With {@code ownsVertx} the endpoint
     * closes {@code vertx} on {@link #close()}, or right away if the server cannot start.
     */
    public static HttpEndpoint start(Vertx vertx, boolean ownsVertx, String host, int port, HttpServerOptions options,
            Router router) {
        return start(vertx, ownsVertx, host, port, options, router, false);
    }

    /**
     * As {@link #start}, with the server on a loopback port behind a {@link DroppingRelay} listening on
     * {@code host:port}, so that its WebSockets can be dropped without a close frame.
     */
    public static HttpEndpoint startBehindDroppingRelay(Vertx vertx, boolean ownsVertx, String host, int port,
            HttpServerOptions options, Router router) {
        return start(vertx, ownsVertx, host, port, options, router, true);
    }

    private static HttpEndpoint start(Vertx vertx, boolean ownsVertx, String host, int port, HttpServerOptions options,
            Router router, boolean behindRelay) {
        HttpServer server = null;
        try {
            server = vertx.createHttpServer(behindRelay ? options.setHost("127.0.0.1").setPort(0) : options.setHost(host).setPort(port))
                    .requestHandler(router);
            await(server.listen());
            DroppingRelay relay = behindRelay ? DroppingRelay.start(vertx, host, port, server.actualPort()) : null;
            return new HttpEndpoint(vertx, ownsVertx, server, relay, host);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (ownsVertx) {
                vertx.close();
            }
            throw e;
        }
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(BLOCKING_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + BLOCKING_LIMIT, e);
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    public int port() {
        return relay != null ? relay.port() : server.actualPort();
    }

    public String host() {
        return host;
    }

    /** {@code scheme://host:port}, with a wildcard bind address shown as 127.0.0.1. */
    public String url(String scheme) {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return scheme + "://" + shown + ":" + port();
    }

    @Override
    public void close() {
        try {
            if (relay != null) {
                relay.close();
            }
            await(server.close());
        } finally {
            if (ownsVertx) {
                await(vertx.close());
            }
        }
    }
}
