package dev.callcoach.simulator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * A TCP relay in front of a fake's HTTP server, so that a WebSocket can be cut the way a network failure
 * cuts it: the TCP connection goes, with no close frame. Vert.x's public API sends a close frame whenever it
 * closes a WebSocket, so the cut happens here, one hop out.
 *
 * <p>The server asks for the cut in band, so that everything it sent before still arrives: it sends the
 * ping {@link #DROP_PING}. The relay passes on the bytes before that frame, then closes both connections;
 * the client sees the TCP connection end without a close frame, and so does the server (code 1006).
 * The ping's payload holds {@code 0xFF} bytes, which UTF-8 text frames can never contain.
 */
public final class DroppingRelay implements AutoCloseable {

    /** Payload of the ping that asks for the cut. */
    public static final Buffer DROP_PING = Buffer.buffer(new byte[] {
        (byte) 0xFF, 'c', 'u', 't', (byte) 0xFF, 't', 'h', 'e', (byte) 0xFF, 'w', 'i', 'r', 'e', (byte) 0xFF, '!', (byte) 0xFF});

    /** The ping as a server writes it: FIN + opcode 9, unmasked, length 16, then the payload. */
    private static final byte[] DROP_FRAME = Buffer.buffer().appendByte((byte) 0x89).appendByte((byte) DROP_PING.length())
            .appendBuffer(DROP_PING).getBytes();

    private final NetServer server;
    private final NetClient client;

    private DroppingRelay(NetServer server, NetClient client) {
        this.server = server;
        this.client = client;
    }

    /** Listens on {@code host:port} (0 = a free port) and relays each connection to {@code 127.0.0.1:targetPort}. */
    static DroppingRelay start(Vertx vertx, String host, int port, int targetPort) {
        NetClient client = vertx.createNetClient();
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port));
        server.connectHandler(front -> {
            front.pause();
            client.connect(targetPort, "127.0.0.1").onComplete(connected -> {
                if (connected.failed()) {
                    front.close();
                } else {
                    new Link(front, connected.result()).start();
                }
            });
        });
        HttpEndpoint.await(server.listen());
        return new DroppingRelay(server, client);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        HttpEndpoint.await(Future.join(server.close(), client.close()));
    }

    /** One relayed connection: the caller's side ({@code front}) and the server's ({@code back}). */
    private static final class Link {
        private final NetSocket front;
        private final NetSocket back;
        /** How many bytes of {@link #DROP_FRAME} the server's stream ends with so far. */
        private int matched;
        private boolean cut;

        Link(NetSocket front, NetSocket back) {
            this.front = front;
            this.back = back;
        }

        void start() {
            front.pipeTo(back);
            back.handler(this::fromServer);
            back.closeHandler(v -> front.close());
            front.closeHandler(v -> back.close());
            front.resume();
        }

        private void fromServer(Buffer data) {
            if (cut) {
                return;
            }
            int end = endOfDropFrame(data);
            if (end < 0) {
                front.write(data);
                if (front.writeQueueFull()) {
                    back.pause();
                    front.drainHandler(v -> back.resume());
                }
                return;
            }
            // The frame may have begun in an earlier chunk, already passed on: then the client gets a
            // truncated frame before the cut, as a real broken connection can deliver.
            cut = true;
            front.write(data.getBuffer(0, Math.max(0, end - DROP_FRAME.length))).onComplete(written -> {
                front.close();
                back.close();
            });
        }

        /** The index just past {@link #DROP_FRAME} in the stream, if it ends within {@code data}; else -1. */
        private int endOfDropFrame(Buffer data) {
            for (int i = 0; i < data.length(); i++) {
                byte b = data.getByte(i);
                // 0x89 opens the frame and occurs nowhere else in it, so a mismatch can only restart at this byte.
                matched = b == DROP_FRAME[matched] ? matched + 1 : b == DROP_FRAME[0] ? 1 : 0;
                if (matched == DROP_FRAME.length) {
                    return i + 1;
                }
            }
            return -1;
        }
    }
}
