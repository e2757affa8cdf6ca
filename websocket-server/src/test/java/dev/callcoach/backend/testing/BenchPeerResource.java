package dev.callcoach.backend.testing;

import dev.callcoach.simulator.bench.RealtimePeer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * The bridge load benchmark's lean Realtime peer in place of OpenAI, for the benchmark's smoke test;
 * the public base URL is {@link FakeRealtimeResource#PUBLIC_ORIGIN}, which the benchmark maps to the
 * test server as Fly's proxy would.
 */
public class BenchPeerResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "sk-test-bench-peer";
    /** More than any smoke test opens. */
    private static final int MAX_CALLS = 16;

    private static Vertx vertx;
    private static RealtimePeer peer;

    public static RealtimePeer peer() {
        return peer;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        peer = RealtimePeer.start(vertx, API_KEY, MAX_CALLS);
        return Map.of(
                "callcoach.openai.api-key", API_KEY,
                "callcoach.openai.realtime-url", peer.realtimeUrl(),
                "callcoach.public-base-url", FakeRealtimeResource.PUBLIC_ORIGIN,
                "callcoach.limiter.concurrent-cap", "64",
                "callcoach.limiter.daily-cap", "1000");
    }

    @Override
    public void stop() {
        if (peer != null) {
            peer.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
