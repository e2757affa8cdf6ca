package dev.callcoach.backend.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.call.EndCallRequested;
import dev.callcoach.backend.testing.ChannelClient;
import dev.callcoach.backend.testing.EndCallRecorder;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.PostgresResource.InjectTestDatabase;
import dev.callcoach.backend.testing.PostgresResource.TestDatabase;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.contracts.channel.TranscriptEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events published by "another instance" (a publisher on a pool of its own) reach a subscriber connected
 * to this one, through Postgres LISTEN/NOTIFY.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class SessionEventsFanOutTest {

    @TestHTTPResource("/")
    URI base;
    @InjectTestDatabase
    TestDatabase database;
    @Inject
    Vertx vertx;
    @Inject
    NotifyListener listener;
    @Inject
    SessionEvents events;
    @Inject
    EndCallRecorder endCalls;

    private final ChannelCodec codec = new ChannelCodec();
    private Pool otherPool;
    private NotifyPublisher otherInstance;
    private ChannelClient webapp;

    @BeforeEach
    void start() {
        otherPool = database.newPool(vertx, 2);
        otherInstance = new NotifyPublisher(otherPool, "other-instance", 10_000, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        webapp = ChannelClient.connect(base);
        await().until(listener::isListening);
    }

    @AfterEach
    void stop() {
        webapp.close();
        otherPool.close().await().indefinitely();
    }

    @Test
    void eventsFromAnotherInstanceReachTheSubscriberInOrder() {
        UUID session = subscribe();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ChannelEvent> sent = new ArrayList<>();
        sent.add(new CallStatusChanged(session, CallStatus.RINGING, at, null));
        // Far over the 8000-byte NOTIFY limit, between two small ones.
        sent.add(new TranscriptEvent(session, Speaker.AI, "Tell me about yourself. ".repeat(2000), true, "item_1", at));
        sent.add(new CallStatusChanged(session, CallStatus.COMPLETED, at.plusSeconds(60), null));

        sent.forEach(event -> otherInstance.publish(Notification.Kind.EVENT, codec.encode(event)));

        await().until(() -> webapp.events().size() == 3);
        assertThat(webapp.events()).containsExactlyElementsOf(sent);
    }

    @Test
    void onlySubscribersOfTheSessionGetItsEvents() {
        UUID mine = subscribe();
        UUID other = UUID.randomUUID();

        otherInstance.publish(Notification.Kind.EVENT, codec.encode(new CallStatusChanged(other, CallStatus.RINGING, Instant.now(), null)));
        otherInstance.publish(Notification.Kind.EVENT, codec.encode(new CallStatusChanged(mine, CallStatus.RINGING, Instant.now(), null)));

        await().until(() -> !webapp.events().isEmpty());
        assertThat(webapp.events()).extracting(ChannelEvent::sessionId).containsOnly(mine);
    }

    @Test
    void eventsPublishedHereReachLocalSubscribersOnce() {
        UUID session = subscribe();
        CallStatusChanged event = new CallStatusChanged(session, CallStatus.IN_PROGRESS, Instant.now(), null);

        events.publish(event).await().indefinitely();
        // Our own NOTIFY comes back to our listener; a marker sent after it proves it was skipped.
        CallStatusChanged marker = new CallStatusChanged(session, CallStatus.COMPLETED, Instant.now(), "marker");
        otherInstance.publish(Notification.Kind.EVENT, codec.encode(marker));

        await().until(() -> webapp.events().contains(marker));
        assertThat(webapp.events()).containsExactly(event, marker);
    }

    @Test
    void endCallRequestsFromAnotherInstanceAreFiredHere() {
        UUID session = UUID.randomUUID();

        otherInstance.publish(Notification.Kind.END_CALL, session.toString());

        await().until(() -> endCalls.requests().contains(new EndCallRequested(session, dev.callcoach.contracts.channel.EndReason.ENDED_FROM_PAGE)));
    }

    private UUID subscribe() {
        UUID session = UUID.randomUUID();
        webapp.request(new Subscribe("sub-" + session, session));
        return session;
    }
}
