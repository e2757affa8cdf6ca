package dev.callcoach.simulator.twilio;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;

/** What every call of one FakeTwilio shares: the account, the outbound clients and the timing knobs. */
record CallEnvironment(
        Vertx vertx,
        String accountSid,
        String authToken,
        WebhookClient webhooks,
        WebSocketClient webSockets,
        UrlRewriter rewriter,
        Duration dialDelay,
        Duration ringDelay,
        boolean keepHeardAudio) {
}
