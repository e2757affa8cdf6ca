package dev.callcoach.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DroppingRelayTest {

    private static final Buffer FRAME = Buffer.buffer().appendByte((byte) 0x89).appendByte((byte) 16).appendBuffer(DroppingRelay.DROP_PING);

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        HttpEndpoint.await(vertx.close());
    }

    @Test
    void passesBytesBothWaysAndClosesTheOtherSide() throws Exception {
        AtomicBoolean upstreamClosed = new AtomicBoolean();
        NetServer upstream = listen(socket -> {
            socket.handler(data -> socket.write(Buffer.buffer("echo:").appendBuffer(data)));
            socket.closeHandler(v -> upstreamClosed.set(true));
        });
        try (DroppingRelay relay = DroppingRelay.start(vertx, "127.0.0.1", 0, upstream.actualPort())) {
            Client client = Client.connect(vertx, relay.port());
            client.socket.write("hi");
            await().until(() -> client.received.toString().equals("echo:hi"));
            client.socket.close();
            await().untilTrue(upstreamClosed);
        }
    }

    @Test
    void cutsAtThePingEvenWhenItIsSplitAcrossReads() throws Exception {
        CompletableFuture<Void> upstreamClosed = new CompletableFuture<>();
        NetServer upstream = listen(socket -> {
            socket.closeHandler(v -> upstreamClosed.complete(null));
            socket.write(Buffer.buffer("before").appendBuffer(FRAME.getBuffer(0, 5)));
            vertx.setTimer(100, t -> socket.write(FRAME.getBuffer(5, FRAME.length()).appendString("after")));
        });
        try (DroppingRelay relay = DroppingRelay.start(vertx, "127.0.0.1", 0, upstream.actualPort())) {
            Client client = Client.connect(vertx, relay.port());
            client.closed.get(5, TimeUnit.SECONDS);
            upstreamClosed.get(5, TimeUnit.SECONDS);
            // What passed before the ping completed stays passed, as on a real broken connection; nothing after it.
            assertThat(client.received.getBytes()).isEqualTo(Buffer.buffer("before").appendBuffer(FRAME.getBuffer(0, 5)).getBytes());
        }
    }

    private NetServer listen(io.vertx.core.Handler<NetSocket> handler) {
        return HttpEndpoint.await(vertx.createNetServer().connectHandler(handler).listen(0, "127.0.0.1"));
    }

    private record Client(NetSocket socket, Buffer received, CompletableFuture<Void> closed) {
        static Client connect(Vertx vertx, int port) {
            Buffer received = Buffer.buffer();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            NetSocket socket = HttpEndpoint.await(vertx.createNetClient().connect(port, "127.0.0.1").map(s -> {
                s.handler(data -> {
                    synchronized (received) {
                        received.appendBuffer(data);
                    }
                });
                s.closeHandler(v -> closed.complete(null));
                return s;
            }));
            return new Client(socket, received, closed);
        }
    }
}
