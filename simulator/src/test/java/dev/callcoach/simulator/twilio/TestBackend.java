package dev.callcoach.simulator.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.security.RequestValidator;
import dev.callcoach.simulator.http.HttpEndpoint;
import dev.callcoach.simulator.http.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

/**
 * A tiny stand-in for our backend in FakeTwilio tests: serves TwiML, takes callbacks and accepts the
 * Media Stream WebSocket at {@code /media}, checking every signature with the official SDK validator
 * against the public URL {@code https://public.example.com/...} (or {@code wss://} for the stream).
 */
final class TestBackend implements AutoCloseable {

    static final String PUBLIC_HTTP = "https://public.example.com";
    static final String PUBLIC_WS = "wss://public.example.com";

    /** An HTTP request FakeTwilio made, and whether its signature validated. */
    record Received(String method, String path, Map<String, String> form, String signature, boolean signatureValid) {
    }

    /** A WebSocket message from FakeTwilio, stamped with System.nanoTime() on arrival. */
    record Message(JsonNode json, String raw, long receivedNanos) {
        String event() {
            return json.path("event").asText();
        }
    }

    final List<Received> requests = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final Map<String, String> twiml = new ConcurrentHashMap<>();
    final Map<String, Integer> statusOverrides = new ConcurrentHashMap<>();
    volatile String upgradeSignature;
    volatile boolean upgradeSignatureValid;
    volatile boolean socketClosed;
    volatile BiConsumer<TestBackend, Message> onMessage = (backend, message) -> { };
    private final Vertx vertx = Vertx.vertx();
    private final RequestValidator validator;
    private final HttpServer server;
    private volatile ServerWebSocket socket;

    TestBackend(String authToken) {
        this.validator = new RequestValidator(authToken);
        Router router = Router.router(vertx);
        router.route("/media").handler(ctx -> ctx.request().toWebSocket().onSuccess(this::accept));
        router.route().handler(BodyHandler.create(false));
        router.route().handler(ctx -> {
            Map<String, String> form = new LinkedHashMap<>();
            ctx.request().formAttributes().forEach(form::put);
            String signature = ctx.request().getHeader("X-Twilio-Signature");
            String publicUrl = PUBLIC_HTTP + ctx.request().uri();
            boolean valid = signature != null && validator.validate(publicUrl, ctx.request().method().name().equals("GET") ? Map.of() : form, signature);
            String path = ctx.request().path();
            requests.add(new Received(ctx.request().method().name(), path, form, signature, valid));
            int status = statusOverrides.getOrDefault(path, 200);
            String body = twiml.get(path);
            if (body != null) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "text/xml").end(body);
            } else {
                ctx.response().setStatusCode(status == 200 ? 204 : status).end();
            }
        });
        server = HttpEndpoint.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    int port() {
        return server.actualPort();
    }

    /** Rewrites the public URLs used in these tests to this backend. */
    FakeTwilio.Builder route(FakeTwilio.Builder builder) {
        return builder.urlRewrite(PUBLIC_HTTP, "http://127.0.0.1:" + port()).urlRewrite(PUBLIC_WS, "ws://127.0.0.1:" + port());
    }

    List<Received> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    void send(String json) {
        socket.writeTextMessage(json);
    }

    void sendBinary(byte[] data) {
        socket.writeBinaryMessage(Buffer.buffer(data));
    }

    void closeSocket() {
        socket.close((short) 1000);
    }

    private void accept(ServerWebSocket ws) {
        upgradeSignature = ws.headers().get("x-twilio-signature");
        upgradeSignatureValid = upgradeSignature != null && validator.validate(PUBLIC_WS + ws.path(), Map.of(), upgradeSignature);
        socket = ws;
        ws.closeHandler(v -> socketClosed = true);
        ws.textMessageHandler(text -> {
            try {
                Message message = new Message(Json.MAPPER.readTree(text), text, System.nanoTime());
                messages.add(message);
                onMessage.accept(this, message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() {
        HttpEndpoint.await(vertx.close());
    }
}
