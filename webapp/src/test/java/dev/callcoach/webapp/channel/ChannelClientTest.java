package dev.callcoach.webapp.channel;

import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ChannelRequest;
import dev.callcoach.contracts.channel.ErrorCode;
import dev.callcoach.contracts.channel.ErrorReply;
import dev.callcoach.contracts.channel.GetScenarioCatalog;
import dev.callcoach.contracts.channel.PhoneLimitStatus;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.contracts.channel.TranscriptEvent;
import dev.callcoach.contracts.channel.Unsubscribe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The channel client against a real WebSocket server speaking the protocol. */
class ChannelClientTest {

    private FakeBackendChannel backend;
    private ChannelClient client;

    @BeforeEach
    void startBackend() {
        backend = new FakeBackendChannel();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        backend.close();
    }

    @Test
    void sendsTheBearerTokenAndMatchesRepliesToRequests() throws Exception {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofSeconds(10));

        UUID session = UUID.randomUUID();
        Ack ack = client.exchange(id -> new Subscribe(id, session), Ack.class);

        ChannelRequest sent = backend.received.poll(5, TimeUnit.SECONDS);
        assertThat(sent).isInstanceOf(Subscribe.class);
        assertThat(ack.correlationId()).isEqualTo(sent.correlationId());
        assertThat(backend.authorizations).contains("Bearer " + FakeBackendChannel.TOKEN);
    }

    @Test
    void aWrongTokenIsRefusedAtTheHandshakeAndRequestsSaySoClearly() {
        client = new ChannelClient(properties("wrong-token", Duration.ofSeconds(10)));
        client.start();


        // It keeps trying with backoff, and is refused each time before any socket opens.
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.authorizations.size() >= 3);
        assertThat(client.isConnected()).isFalse();
        assertThat(backend.connections.get()).isZero();
        assertThatThrownBy(() -> client.exchange(GetScenarioCatalog::new))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("isn't reachable");
    }

    @Test
    void anErrorReplyBecomesAFriendlyExceptionKeepingTheCode() {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofSeconds(10));
        backend.answerWith(request -> List.of(backend.encode(
                new ErrorReply(request.correlationId(), ErrorCode.UNAVAILABLE, "database down, fallback active"))));

        assertThatThrownBy(() -> client.exchange(GetScenarioCatalog::new))
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).doesNotContain("database");
                });
    }

    @Test
    void aRequestWithoutReplyFailsWithATimeoutMessage() {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofMillis(300));
        backend.answerWith(request -> List.of());

        assertThatThrownBy(() -> client.exchange(GetScenarioCatalog::new))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("didn't answer in time");
    }

    @Test
    void aReplyOfTheWrongKindIsRefused() {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofSeconds(10));
        backend.answerWith(request -> List.of(backend.encode(
                new PhoneLimitStatus(request.correlationId(), 2, 2, null, 60))));

        assertThatThrownBy(() -> client.exchange(id -> new Subscribe(id, UUID.randomUUID()), Ack.class))
                .isInstanceOf(ChannelException.class);
    }

    @Test
    void eventsReachOnlyTheListenersOfTheirSession() {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofSeconds(10));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        BlockingQueue<ChannelEvent> firstEvents = new LinkedBlockingQueue<>();
        BlockingQueue<ChannelEvent> secondEvents = new LinkedBlockingQueue<>();
        client.subscribe(first, firstEvents::add);
        client.subscribe(second, secondEvents::add);

        backend.push(backend.encode(new CallStatusChanged(first, CallStatus.RINGING, Instant.now(), null)));
        backend.push(backend.encode(new TranscriptEvent(second, Speaker.AI, "Hello!", true, "item-1", Instant.now())));

        await().until(() -> firstEvents.size() == 1 && secondEvents.size() == 1);
        assertThat(firstEvents.peek()).isInstanceOf(CallStatusChanged.class);
        assertThat(secondEvents.peek()).isInstanceOf(TranscriptEvent.class);
    }

    @Test
    void closingTheLastSubscriptionUnsubscribesAndStopsEvents() throws Exception {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofSeconds(10));
        UUID session = UUID.randomUUID();
        BlockingQueue<ChannelEvent> events = new LinkedBlockingQueue<>();
        Subscription subscription = client.subscribe(session, events::add);
        backend.received.clear();

        subscription.close();

        ChannelRequest sent = backend.received.poll(5, TimeUnit.SECONDS);
        assertThat(sent).isInstanceOfSatisfying(Unsubscribe.class, u -> assertThat(u.sessionId()).isEqualTo(session));
        backend.push(backend.encode(new CallStatusChanged(session, CallStatus.COMPLETED, Instant.now(), null)));
        // A request after the push: once its reply is in, the event would have been delivered too.
        client.exchange(id -> new Subscribe(id, UUID.randomUUID()), Ack.class);
        assertThat(events).isEmpty();
    }

    @Test
    void reconnectsAfterTheBackendDropsAndSubscribesLiveSessionsAgain() {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofSeconds(10));
        UUID session = UUID.randomUUID();
        BlockingQueue<ChannelEvent> events = new LinkedBlockingQueue<>();
        client.subscribe(session, events::add);
        backend.received.clear();

        backend.dropConnections();

        await().atMost(Duration.ofSeconds(10)).until(() -> backend.connections.get() == 2 && client.isConnected());
        await().until(() -> backend.received.stream()
                .anyMatch(r -> r instanceof Subscribe s && s.sessionId().equals(session)));
        backend.push(backend.encode(new CallStatusChanged(session, CallStatus.IN_PROGRESS, Instant.now(), null)));
        await().until(() -> events.size() == 1);
    }

    @Test
    void badFramesFromTheBackendAreLoggedAndTheConnectionCarriesOn() {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofSeconds(10));

        backend.push("this is not json");
        backend.push("{\"type\":\"no.such.type\",\"correlationId\":\"x\"}");
        backend.push("{\"type\":\"ack\"}");
        backend.push("{\"type\":\"ack\",\"correlationId\":\"nobody-asked\"}");
        backend.push("[" + "1,".repeat(40_000) + "1]");

        assertThat(client.exchange(id -> new Subscribe(id, UUID.randomUUID()), Ack.class)).isNotNull();
        assertThat(backend.connections.get()).isEqualTo(1);
    }

    @Test
    void listenersAreToldWhenTheConnectionDrops() {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofSeconds(10));
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        client.subscribe(UUID.randomUUID(), new SessionListener() {
            @Override
            public void onEvent(ChannelEvent event) {
                heard.add("event");
            }

            @Override
            public void onConnectionLost() {
                heard.add("lost");
            }
        });

        backend.dropConnections();

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("lost"));
    }

    @Test
    void aReservationGrantedAfterTheRequestGaveUpIsHandedToItsLateHandler() throws Exception {
        client = connected(FakeBackendChannel.TOKEN, Duration.ofMillis(300));
        UUID session = UUID.randomUUID();
        BlockingQueue<String> reserveIds = new LinkedBlockingQueue<>();
        backend.answerWith(request -> {
            reserveIds.add(request.correlationId());
            return List.of();
        });
        BlockingQueue<ChannelReply> late = new LinkedBlockingQueue<>();

        assertThatThrownBy(() -> client.exchange(GetScenarioCatalog::new, late::add))
                .isInstanceOf(ChannelException.class).hasMessageContaining("didn't answer in time");
        backend.push(backend.encode(new CallReserved(reserveIds.take(), session)));

        assertThat(late.poll(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(CallReserved.class,
                reserved -> assertThat(reserved.sessionId()).isEqualTo(session));
    }

    private ChannelClient connected(String token, Duration requestTimeout) {
        client = new ChannelClient(properties(token, requestTimeout));
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        return client;
    }

    private ChannelProperties properties(String token, Duration requestTimeout) {
        return new ChannelProperties(backend.url(), token, requestTimeout, Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(20));
    }
}
