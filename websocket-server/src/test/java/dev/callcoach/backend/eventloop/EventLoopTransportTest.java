package dev.callcoach.backend.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.callcoach.backend.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.netty.channel.epoll.Epoll;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The running service's Vert.x took its transport from this package, so the batch window, when set, is on
 * the loops that carry the calls (the bridge benchmark's smoke test runs a call load with one set).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class EventLoopTransportTest {

    @Inject
    Vertx vertx;

    @Inject
    EventLoopConfig config;

    @Test
    void vertxRunsOnTheBatchingEpollTransport() {
        assumeTrue(Epoll.isAvailable(), "epoll is Linux's; elsewhere Vert.x falls back to its own transport");
        assertThat(((VertxInternal) vertx).transport()).isInstanceOf(BatchingEpollTransport.class);
        assertThat(vertx.isNativeTransportEnabled()).isTrue();
    }

    @Test
    void theBatchWindowIsOnByDefault() {
        assertThat(config.batchWindow()).as("docs/configuration.md, docs/benchmarks.md").isEqualTo(Duration.ofNanos(500_000));
    }
}
