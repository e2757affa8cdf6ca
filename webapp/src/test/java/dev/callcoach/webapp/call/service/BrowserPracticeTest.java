package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.channel.BrowserSessionReserved;
import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ChannelRequest;
import dev.callcoach.contracts.channel.RefusalReason;
import dev.callcoach.contracts.channel.ReserveBrowserSession;
import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.channel.ChannelException;
import dev.callcoach.webapp.channel.Subscription;
import dev.callcoach.webapp.limit.IpLimitProperties;
import dev.callcoach.webapp.limit.IpLimiter;
import dev.callcoach.webapp.turnstile.TurnstileProperties;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;
import dev.callcoach.webapp.twilio.TwilioCalls;
import dev.callcoach.webapp.twilio.TwilioProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Starting calls in the browser: the backend is a stand-in for our own channel client. */
class BrowserPracticeTest {

    private static final UUID SESSION = UUID.fromString("8f0e8c1e-7d1a-4a55-9d38-0c5d2b7e1f00");
    private static final String MEDIA = "wss://backend.test/browser/media/" + SESSION;
    private static final String TOKEN = "k".repeat(43);
    private static final BrowserRequest REQUEST = new BrowserRequest("job-interview", Map.of("role", "Barista"),
            "marin", null);
    private static final String IP = "203.0.113.7";

    private final ChannelClient channel = mock(ChannelClient.class);
    /** Requests sent to the backend, in order. */
    private final List<ChannelRequest> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean unsubscribed = new AtomicBoolean();
    private Function<ChannelRequest, ChannelReply> backend;

    @BeforeEach
    void backendReserves() {
        backend = request -> new BrowserSessionReserved(request.correlationId(), SESSION, MEDIA, TOKEN,
                Instant.parse("2026-12-02T03:00:00Z"));
        when(channel.exchange(any())).thenAnswer(invocation -> {
            Function<String, ChannelRequest> factory = invocation.getArgument(0);
            ChannelRequest request = factory.apply("c" + sent.size());
            sent.add(request);
            return backend.apply(request);
        });
        when(channel.subscribe(any(), any())).thenAnswer(invocation -> (Subscription) () -> unsubscribed.set(true));
    }

    @Test
    void reservesASessionAndFollowsItBeforeThePageConnects() {
        Placement placement = service(gate(10)).start(REQUEST, IP, event -> { });

        assertThat(placement).isInstanceOfSatisfying(Placement.InBrowser.class, call -> {
            assertThat(call.sessionId()).isEqualTo(SESSION);
            assertThat(call.mediaUrl()).isEqualTo(MEDIA);
            assertThat(call.mediaToken()).isEqualTo(TOKEN);
            assertThat(call.toString()).as("the token is a secret until used").doesNotContain(TOKEN);
        });
        assertThat(sent).singleElement().isInstanceOfSatisfying(ReserveBrowserSession.class, reserve -> {
            assertThat(reserve.scenarioId()).isEqualTo("job-interview");
            assertThat(reserve.scenarioConfig()).containsEntry("role", "Barista");
            assertThat(reserve.voice()).isEqualTo("marin");
        });
        assertThat(unsubscribed).isFalse();
    }

    @Test
    void aRefusalIsWordedAsForACall() {
        backend = request -> new CallRefused(request.correlationId(), RefusalReason.CONCURRENCY_CAP,
                "all lines busy", 20);

        Placement placement = service(gate(10)).start(REQUEST, IP, event -> { });

        assertThat(placement).isEqualTo(new Placement.Refused(
                "All lines are busy right now. Please try again in a moment.", Duration.ofSeconds(20),
                Placement.Limit.SERVICE));
    }

    @Test
    void aSubscriptionThatFailsFailsTheStart() {
        when(channel.subscribe(any(), any())).thenThrow(ChannelException.unexpected());

        assertThatThrownBy(() -> service(gate(10)).start(REQUEST, IP, event -> { }))
                .isInstanceOf(ChannelException.class);
    }

    @Test
    void callsInTheBrowserCountAgainstTheNetworksAllowanceAsPhoneCallsDo() {
        NetworkGate gate = gate(2);
        BrowserPractice browser = service(gate);
        CallService phone = new CallService(channel, new TwilioCalls(new TwilioProperties("AC" + "0".repeat(32),
                "token", "", "", URI.create("http://127.0.0.1:1"), Map.of("au", "+61255501234"))), gate,
                new CallProperties(URI.create("http://backend.test/"), Duration.ofSeconds(30), Duration.ofMinutes(6)));

        assertThat(browser.start(REQUEST, IP, event -> { })).isInstanceOf(Placement.InBrowser.class);
        assertThat(browser.start(REQUEST, IP, event -> { })).isInstanceOf(Placement.InBrowser.class);
        sent.clear();

        Placement call = phone.place(new CallRequest("+61412345678", "AU", "job-interview", Map.of(), "alloy", null),
                IP, event -> { });
        Placement third = browser.start(REQUEST, IP, event -> { });

        for (Placement refused : List.of(call, third)) {
            assertThat(refused).isInstanceOfSatisfying(Placement.Refused.class, r -> {
                assertThat(r.message()).startsWith("Too many calls from your network for now.");
                assertThat(r.limit()).isEqualTo(Placement.Limit.NETWORK);
            });
        }
        assertThat(sent).as("refused before the backend is asked").isEmpty();
        assertThat(phone.networkAllowance(IP).nextAt()).as("the page's countdown knows").isNotNull();
    }

    private BrowserPractice service(NetworkGate gate) {
        return new BrowserPractice(channel, gate);
    }

    private static NetworkGate gate(int placements) {
        IpLimitProperties limit = new IpLimitProperties(placements, Duration.ofMinutes(15), "", 1000);
        TurnstileVerifier off = new TurnstileVerifier(new TurnstileProperties(false, "", "",
                URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1)),
                HttpClient.newHttpClient());
        return new NetworkGate(new IpLimiter(limit), limit, off, Clock.systemUTC());
    }
}
