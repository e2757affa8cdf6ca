package dev.callcoach.simulator.realtime;

import dev.callcoach.simulator.http.HttpEndpoint;
import dev.callcoach.simulator.http.Json;
import dev.callcoach.simulator.responses.FakeResponses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stand-in for the OpenAI Realtime API over WebSocket ({@code /v1/realtime?model=...}), strict
 * about what clients send, with canned transcripts and replies from a {@link SessionScript}. The same
 * port serves the Responses API's {@code POST /v1/responses} ({@link #responses()}), as the grader of
 * coaching reports uses it; both accept the same key.
 *
 * <pre>{@code
 * try (FakeRealtime openai = FakeRealtime.builder().apiKey("sk-test").start()) {
 *     openai.script(SessionScript.defaults().transcripts("Book a table").replies(Reply.say("Hello!")));
 *     // point the bridge at openai.webSocketBaseUrl() instead of wss://api.openai.com
 *     // ... then inspect openai.sessions().getFirst().clientEvents()
 * }
 * }</pre>
 */
public final class FakeRealtime implements AutoCloseable {

    private static final Logger LOG = System.getLogger(FakeRealtime.class.getName());
    private static final Pattern MODELS = Pattern.compile(
            "gpt-realtime[a-z0-9.-]*|gpt-4o(-mini)?-realtime-preview[a-z0-9-]*|gpt-audio[a-z0-9.-]*");

    private final String apiKey;
    private final boolean recordAudioPayloads;
    private final List<RealtimeSession> sessions = new ArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile SessionScript script;
    /** The script given at start, which {@code POST /_sim/realtime/faults} adds its faults to. */
    private final SessionScript baseScript;
    private final HttpEndpoint endpoint;
    private final FakeResponses responses;

    private FakeRealtime(Builder b) {
        this.apiKey = b.apiKey;
        this.recordAudioPayloads = b.recordAudioPayloads;
        this.script = b.script;
        this.baseScript = b.script;
        this.responses = new FakeResponses(b.apiKey);
        Vertx vertx = b.vertx != null ? b.vertx : Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions()
                .setMaxWebSocketFrameSize(24 * 1024 * 1024)
                .setMaxWebSocketMessageSize(24 * 1024 * 1024);
        // Behind the relay, so that a script can drop a session's TCP connection (SessionConnection.drop).
        this.endpoint = HttpEndpoint.startBehindDroppingRelay(vertx, b.vertx == null, b.host, b.port, options, routes(vertx));
        LOG.log(Logger.Level.INFO, "fake-realtime started url={0}", webSocketBaseUrl());
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return endpoint.port();
    }

    /** {@code http://host:port}, serving {@code /_sim}. */
    public String baseUrl() {
        return endpoint.url("http");
    }

    /** {@code ws://host:port}: what replaces {@code wss://api.openai.com}. */
    public String webSocketBaseUrl() {
        return endpoint.url("ws");
    }

    /** The full URL of a session for {@code model}. */
    public String realtimeUrl(String model) {
        return webSocketBaseUrl() + "/v1/realtime?model=" + model;
    }

    public String apiKey() {
        return apiKey;
    }

    /** {@code http://host:port/v1}: the base URL for the Responses API (the SDK adds {@code /responses}). */
    public String apiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** The Responses API stand-in on this port: its faults and the requests it received. */
    public FakeResponses responses() {
        return responses;
    }

    /** Sets how sessions opened from now on behave. */
    public FakeRealtime script(SessionScript script) {
        this.script = Objects.requireNonNull(script, "script");
        return this;
    }

    public SessionScript script() {
        return script;
    }

    SessionScript baseScript() {
        return baseScript;
    }

    /** Every session opened, oldest first. */
    public List<RealtimeSession> sessions() {
        synchronized (sessions) {
            return List.copyOf(sessions);
        }
    }

    public Optional<RealtimeSession> session(String id) {
        return sessions().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<RealtimeSession> lastSession() {
        List<RealtimeSession> all = sessions();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    public long openSessionCount() {
        return sessions().stream().filter(RealtimeSession::isOpen).count();
    }

    /** Handshakes refused (bad key, bad model, or a script's {@code refuseConnections}). */
    public int refusedConnections() {
        return refused.get();
    }

    @Override
    public void close() {
        endpoint.close();
        LOG.log(Logger.Level.INFO, "fake-realtime stopped url={0}", webSocketBaseUrl());
    }

    private Router routes(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/v1/realtime").handler(this::handshake);
        responses.mount(router);
        new RealtimeInspectionApi(this).mount(router);
        return router;
    }

    private void handshake(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        SessionScript current = script;
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String model = request.getParam("model");
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            refuse(ctx, 426, "This endpoint only accepts WebSocket connections.", "invalid_request_error", null, null);
        } else if (authorization == null || !authorization.startsWith("Bearer ")) {
            refuse(ctx, 401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer "
                    + "auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", null, null);
        } else if (!authorization.substring(7).equals(apiKey)) {
            refuse(ctx, 401, "Incorrect API key provided: " + maskKey(authorization.substring(7)) + ".", "invalid_request_error",
                    "invalid_api_key", null);
        } else if (model == null || model.isEmpty()) {
            refuse(ctx, 400, "Missing required parameter: 'model'.", "invalid_request_error", "missing_required_parameter", "model");
        } else if (!MODELS.matcher(model).matches()) {
            refuse(ctx, 404, "The model '" + model + "' does not exist or you do not have access to it.", "invalid_request_error",
                    "model_not_found", null);
        } else if (current.refuseStatus() != 0) {
            int status = current.refuseStatus();
            refuse(ctx, status, status == 429 ? "Rate limit reached for requests (simulated)."
                    : "The server had an error while processing your request. Sorry about that! (simulated)",
                    status == 429 ? "requests" : "server_error", status == 429 ? "rate_limit_exceeded" : null, null);
        } else {
            Dialect dialect = Dialect.requested(request.getHeader("OpenAI-Beta"));
            request.toWebSocket().onSuccess(socket -> {
                RealtimeSession session;
                synchronized (sessions) {
                    session = new RealtimeSession(Ids.session(), sessions.size() + 1, dialect, model);
                    sessions.add(session);
                }
                LOG.log(Logger.Level.INFO, "realtime session opened id={0} index={1} dialect={2} model={3}", session.id(),
                        session.index(), dialect, model);
                session.whenClosed().thenAccept(s -> LOG.log(Logger.Level.INFO, "realtime session closed id={0} code={1}", s.id(),
                        s.closeCode().orElse(-1)));
                new SessionConnection(ctx.vertx(), socket, session, current, recordAudioPayloads).start();
            });
        }
    }

    private void refuse(RoutingContext ctx, int status, String message, String type, String code, String param) {
        refused.incrementAndGet();
        var error = Json.object().put("message", message).put("type", type).put("param", param).put("code", code);
        Json.respond(ctx, status, Json.object().set("error", error));
    }

    private static String maskKey(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 3) + "*".repeat(Math.min(20, key.length() - 7)) + key.substring(key.length() - 4);
    }

    /** Builds a {@link FakeRealtime}. */
    public static final class Builder {
        private String apiKey = "sk-simulated";
        private String host = "127.0.0.1";
        private int port;
        private Vertx vertx;
        private SessionScript script = SessionScript.defaults();
        private boolean recordAudioPayloads = true;

        private Builder() {
        }

        /** The only key accepted as {@code Authorization: Bearer <key>}; default {@code sk-simulated}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port; default 0 (a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Shares a Vert.x instance; by default the fake creates (and closes) its own. */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        public Builder script(SessionScript script) {
            this.script = Objects.requireNonNull(script, "script");
            return this;
        }

        /** Keep audio payloads in the event logs (default on); off replaces them by their length, for long load runs. */
        public Builder recordAudioPayloads(boolean record) {
            this.recordAudioPayloads = record;
            return this;
        }

        /** Starts listening; blocks until the port is bound. */
        public FakeRealtime start() {
            return new FakeRealtime(this);
        }
    }
}
