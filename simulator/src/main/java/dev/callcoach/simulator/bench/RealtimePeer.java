package dev.callcoach.simulator.bench;

import dev.callcoach.simulator.http.HttpEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lean stand-in for the OpenAI Realtime WebSocket API, for load: it accepts the backend's sessions
 * ({@code Authorization: Bearer} checked), confirms {@code session.update}, and from the first
 * {@code response.create} on streams tagged μ-law deltas at 50 a second, one endless response per
 * call. Unlike FakeRealtime it validates nothing and runs no VAD: the generator marks caller speech
 * in its frames' tags, and the peer barges in the way the real server does ({@link PeerConnection}).
 */
public final class RealtimePeer implements AutoCloseable {

    private final HttpEndpoint endpoint;
    private final String apiKey;
    private final Measurements measurements;
    private final AtomicInteger connections = new AtomicInteger();
    private final int maxCalls;

    private RealtimePeer(Vertx vertx, String apiKey, int maxCalls) {
        this.apiKey = apiKey;
        this.maxCalls = maxCalls;
        this.measurements = new Measurements(maxCalls);
        Router router = Router.router(vertx);
        router.get("/v1/realtime").handler(ctx -> handshake(vertx, ctx.request()));
        this.endpoint = HttpEndpoint.start(vertx, false, "127.0.0.1", 0, new HttpServerOptions(), router);
    }

    /**
     * Starts listening on a free local port. Blocks; never call it on an event loop.
     *
     * @param maxCalls the most calls a run will open (sizes the per-call barge-in bookkeeping)
     */
    public static RealtimePeer start(Vertx vertx, String apiKey, int maxCalls) {
        return new RealtimePeer(vertx, apiKey, maxCalls);
    }

    /** What replaces {@code wss://api.openai.com/v1/realtime} in the backend's configuration. */
    public String realtimeUrl() {
        return endpoint.url("ws") + "/v1/realtime";
    }

    public String apiKey() {
        return apiKey;
    }

    /** The most calls one run against this peer may open. */
    public int maxCalls() {
        return maxCalls;
    }

    Vertx vertx() {
        return endpoint.vertx();
    }

    Measurements measurements() {
        return measurements;
    }

    /** Realtime sessions opened so far. */
    public int connections() {
        return connections.get();
    }

    private void handshake(Vertx vertx, HttpServerRequest request) {
        if (!("Bearer " + apiKey).equals(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            request.response().setStatusCode(401).end("{\"error\":{\"message\":\"Incorrect API key provided.\","
                    + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\",\"param\":null}}");
            return;
        }
        String model = request.getParam("model", "gpt-realtime");
        request.toWebSocket().onSuccess(socket ->
                new PeerConnection(vertx, socket, measurements, connections.incrementAndGet(), model).start());
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
