package dev.callcoach.backend.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A database that accepts the connection and never answers keeps the first batch in flight forever; everything
 * published meanwhile queues, and the queue must stay bounded.
 */
class NotifyPublisherQueueTest {

    @Test
    void aFullQueueDropsTheOldestCountsItAndCompletesItsPublish() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            Pool pool = PgPool.pool(vertx, new PgConnectOptions().setHost("localhost").setPort(silent.getLocalPort())
                    .setUser("u").setPassword("p").setDatabase("d"), new PoolOptions().setMaxSize(1));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            NotifyPublisher publisher = new NotifyPublisher(pool, "test", 3, registry);

            List<CompletableFuture<Void>> published = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                published.add(publisher.publish(Notification.Kind.END_CALL, "message " + i).subscribeAsCompletionStage());
            }

            // 1 in flight (never answered), 3 queued, the 6 oldest queued ones dropped.
            assertThat(registry.get("callcoach.notify.dropped").counter().count()).isEqualTo(6);
            assertThat(published.subList(1, 7)).allMatch(CompletableFuture::isDone);
            assertThat(published.getFirst()).isNotDone();
            assertThat(published.subList(7, 10)).noneMatch(CompletableFuture::isDone);
            pool.close().await().atMost(Duration.ofSeconds(5));
            acceptor.interrupt();
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
            vertx.close().await().atMost(Duration.ofSeconds(5));
        }
    }
}
