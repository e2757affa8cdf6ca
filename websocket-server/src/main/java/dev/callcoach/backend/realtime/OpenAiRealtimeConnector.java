package dev.callcoach.backend.realtime;

import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/** {@link RealtimeConnector} over websockets-next's {@link BasicWebSocketConnector} (docs/protocols.md, "Realtime: connecting"). */
@ApplicationScoped
public class OpenAiRealtimeConnector implements RealtimeConnector {

    private static final Logger LOG = Logger.getLogger(OpenAiRealtimeConnector.class);

    private final OpenAiConfig config;
    private final Vertx vertx;

    public OpenAiRealtimeConnector(OpenAiConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    @Override
    public Uni<RealtimeLink> connect(Listener listener) {
        URI url = URI.create(config.realtimeUrl());
        long timeoutMs = config.connectTimeout().toMillis();
        BasicWebSocketConnector connector = BasicWebSocketConnector.create()
                .baseUri(URI.create(url.getScheme() + "://" + url.getRawAuthority()))
                .path(url.getRawPath() + "?model=" + URLEncoder.encode(config.model(), StandardCharsets.UTF_8))
                .addHeader("Authorization", "Bearer " + config.apiKey())
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .customizeOptions((connect, client) -> connect.setConnectTimeout(timeoutMs).setTimeout(timeoutMs))
                .onTextMessage((connection, text) -> listener.onEvent(ServerEvents.parse(text), System.nanoTime()))
                .onClose((connection, reason) -> listener.onClosed());
        if (config.api() == RealtimeApi.BETA) {
            connector.addHeader("OpenAI-Beta", "realtime=v1");
        }
        return Uni.createFrom().emitter(emitter -> {
            // Settled once: a socket that opens after we gave up is closed at once, never leaked.
            AtomicBoolean settled = new AtomicBoolean();
            long timer = vertx.setTimer(timeoutMs, id -> {
                if (settled.compareAndSet(false, true)) {
                    emitter.fail(new TimeoutException("Realtime socket not open after " + timeoutMs + " ms"));
                }
            });
            connector.connect().subscribe().with(connection -> {
                vertx.cancelTimer(timer);
                if (settled.compareAndSet(false, true)) {
                    emitter.complete(new Link(connection));
                } else {
                    connection.close().subscribe().with(ok -> { }, e -> { });
                }
            }, failure -> {
                vertx.cancelTimer(timer);
                if (settled.compareAndSet(false, true)) {
                    emitter.fail(failure);
                }
            });
        });
    }

    private record Link(WebSocketClientConnection connection) implements RealtimeLink {

        @Override
        public void send(String event) {
            if (connection.isOpen()) {
                connection.sendText(event).subscribe().with(ok -> { },
                        e -> LOG.debugf("realtime send failed: %s", e.getMessage()));
            }
        }

        @Override
        public void close() {
            if (connection.isOpen()) {
                connection.close().subscribe().with(ok -> { }, e -> { });
            }
        }
    }
}
