package dev.callcoach.webapp.channel;

import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.ReleaseCall;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.webapp.call.service.CallProperties;
import dev.callcoach.webapp.call.service.CallRequest;
import dev.callcoach.webapp.call.service.CallService;
import dev.callcoach.webapp.call.service.NetworkGate;
import dev.callcoach.webapp.limit.IpLimitProperties;
import dev.callcoach.webapp.limit.IpLimiter;
import dev.callcoach.webapp.turnstile.TurnstileProperties;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;
import dev.callcoach.webapp.twilio.TwilioCalls;
import dev.callcoach.webapp.twilio.TwilioProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A reservation the backend grants after the webapp stopped waiting would hold a slot and burn the number's
 * call with nobody to place it. Over a real socket: the page hears "didn't answer in time", and the backend
 * gets the reservation back at once.
 */
class LateReservationReleaseTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);
    private final FakeBackendChannel backend = new FakeBackendChannel();
    private final ChannelClient channel = new ChannelClient(new ChannelProperties(backend.url(),
            FakeBackendChannel.TOKEN, REQUEST_TIMEOUT, Duration.ofSeconds(5), Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofSeconds(20)));

    @AfterEach
    void stop() throws Exception {
        channel.close();
        backend.close();
    }

    @Test
    void aReservationArrivingAfterTheTimeoutIsReleasedAtOnce() throws Exception {
        UUID session = UUID.randomUUID();
        backend.answerWith(request -> {
            if (request instanceof ReserveCall reserve) {
                // The database was slow: the grant comes, but twice the webapp's patience later.
                CompletableFuture.delayedExecutor(REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
                        .execute(() -> backend.push(backend.encode(new CallReserved(reserve.correlationId(), session))));
                return List.of();
            }
            return List.of(backend.encode(new Ack(request.correlationId())));
        });
        channel.start();
        await().atMost(Duration.ofSeconds(10)).until(channel::isConnected);

        assertThatThrownBy(() -> service().place(new CallRequest("+61412345678", "AU", "job-interview",
                Map.of(), "alloy", null), "203.0.113.7", event -> { }))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("didn't answer in time");

        await().atMost(Duration.ofSeconds(10)).until(() -> backend.received.stream()
                .anyMatch(r -> r instanceof ReleaseCall release && release.sessionId().equals(session)));
        ReleaseCall release = (ReleaseCall) backend.received.stream().filter(ReleaseCall.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(release.reason()).isEqualTo("reply-after-timeout");
    }

    private CallService service() {
        IpLimitProperties ipLimit = new IpLimitProperties(10, Duration.ofMinutes(15), "", 1000);
        TurnstileVerifier off = new TurnstileVerifier(new TurnstileProperties(false, "", "",
                URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1)),
                HttpClient.newHttpClient());
        TwilioCalls twilio = new TwilioCalls(new TwilioProperties("AC" + "0".repeat(32), "token", "", "",
                URI.create("http://127.0.0.1:1"), Map.of("au", "+61255501234")));
        return new CallService(channel, twilio, new NetworkGate(new IpLimiter(ipLimit), ipLimit, off, Clock.systemUTC()),
                new CallProperties(URI.create("http://backend.test/"), Duration.ofSeconds(30), Duration.ofMinutes(6)));
    }
}
