package dev.callcoach.backend.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.call.CallSessions;
import dev.callcoach.backend.call.EndCallRequested;
import dev.callcoach.backend.testing.ChannelClient;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.EndCallRecorder;
import dev.callcoach.backend.testing.ExampleScenarios;
import dev.callcoach.backend.testing.PlainNumberScan;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.CallPlaced;
import dev.callcoach.contracts.channel.CallPlacementUnknown;
import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.EndCall;
import dev.callcoach.contracts.channel.ErrorCode;
import dev.callcoach.contracts.channel.ErrorReply;
import dev.callcoach.contracts.channel.GetScenarioCatalog;
import dev.callcoach.contracts.channel.PhoneLimitCheck;
import dev.callcoach.contracts.channel.PhoneLimitStatus;
import dev.callcoach.contracts.channel.RefusalReason;
import dev.callcoach.contracts.channel.ReleaseCall;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.contracts.channel.ScenarioCatalog;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.contracts.channel.Unsubscribe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.callcoach.backend.phone.PhoneHasher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webapp's side of a call, over a real WebSocket, against the real limiter and Postgres. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ChannelCallFlowTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    Pool pool;
    @Inject
    CallSessions sessions;
    @Inject
    EndCallRecorder endCalls;
    @Inject
    PhoneHasher hasher;

    private ChannelClient webapp;

    @BeforeEach
    void connect() {
        Databases.truncate(pool);
        ExampleScenarios.install();
        webapp = ChannelClient.connect(base);
    }

    @AfterEach
    void disconnect() {
        webapp.close();
    }

    @Test
    void reserveSubscribePlaceAndFollowTheCall() {
        String number = TestNumbers.fresh();
        assertThat(webapp.request(new PhoneLimitCheck("c-1", number))).isEqualTo(new PhoneLimitStatus("c-1", 2, 2, null, 60));

        UUID sessionId = ((CallReserved) webapp.request(ExampleScenarios.reservation("c-2", number))).sessionId();
        assertThat(webapp.request(new Subscribe("c-3", sessionId))).isEqualTo(new Ack("c-3"));
        assertThat(webapp.request(new CallPlaced("c-4", sessionId, "CA" + "1".repeat(32)))).isEqualTo(new Ack("c-4"));

        await().until(() -> !webapp.events().isEmpty());
        assertThat(webapp.events().getFirst()).isInstanceOfSatisfying(CallStatusChanged.class,
                event -> assertThat(event.status()).isEqualTo(CallStatus.QUEUED));
        // A repeated placed message changes nothing and sends no second event.
        assertThat(webapp.request(new CallPlaced("c-5", sessionId, "CA" + "1".repeat(32)))).isEqualTo(new Ack("c-5"));

        // What the call bridge will do on Twilio's status callback reaches the subscriber too.
        sessions.updateStatus(sessionId, CallStatus.RINGING, Instant.now()).await().indefinitely();
        assertThat(webapp.request(new EndCall("c-6", sessionId))).isEqualTo(new Ack("c-6"));
        await().until(() -> endCalls.requests().contains(new EndCallRequested(sessionId, dev.callcoach.contracts.channel.EndReason.ENDED_FROM_PAGE)));

        PhoneLimitStatus after = (PhoneLimitStatus) webapp.request(new PhoneLimitCheck("c-7", number));
        assertThat(after.callsLeft()).isEqualTo(1);
        assertThat(webapp.events()).hasSize(1);
        assertThat(webapp.request(new Unsubscribe("c-8", sessionId))).isEqualTo(new Ack("c-8"));
        assertThat(PlainNumberScan.find(pool, TestNumbers.issued())).isEmpty();
    }

    @Test
    void releaseGivesTheSlotBackAndTellsSubscribers() {
        String number = TestNumbers.fresh();
        UUID sessionId = ((CallReserved) webapp.request(ExampleScenarios.reservation("c-1", number))).sessionId();
        webapp.request(new Subscribe("c-2", sessionId));

        assertThat(webapp.request(new ReleaseCall("c-3", sessionId, "twilio-21215"))).isEqualTo(new Ack("c-3"));
        assertThat(webapp.request(new ReleaseCall("c-4", sessionId, "twilio-21215"))).isEqualTo(new Ack("c-4"));

        await().until(() -> !webapp.events().isEmpty());
        assertThat(webapp.events().getFirst()).isEqualTo(new CallStatusChanged(sessionId, CallStatus.RELEASED,
                ((CallStatusChanged) webapp.events().getFirst()).at(), "twilio-21215"));
        assertThat(((PhoneLimitStatus) webapp.request(new PhoneLimitCheck("c-5", number))).callsLeft()).isEqualTo(2);
        assertThat(webapp.request(new EndCall("c-6", sessionId))).isEqualTo(new Ack("c-6"));
    }

    @Test
    void refusalsSayWhyAndWhenToRetry() {
        String number = TestNumbers.fresh();
        webapp.request(ExampleScenarios.reservation("c-1", number));
        webapp.request(ExampleScenarios.reservation("c-2", number));

        CallRefused limited = (CallRefused) webapp.request(ExampleScenarios.reservation("c-3", number));
        assertThat(limited.reason()).isEqualTo(RefusalReason.PHONE_LIMIT);
        assertThat(limited.retryAfterSeconds()).isBetween(3500L, 3600L);
        assertThat(limited.message()).doesNotContain(number.substring(2));

        // +1 800: toll free, a valid E.164 number the phone rules refuse.
        assertThat(((CallRefused) webapp.request(ExampleScenarios.reservation("c-4", "+18005550123"))).reason())
                .isEqualTo(RefusalReason.INVALID_NUMBER);

        ReserveCall example = ExampleScenarios.reservation("c-5", TestNumbers.fresh());
        ReserveCall unknownScenario = new ReserveCall("c-5", example.phoneNumber(), "tea-ceremony", example.scenarioConfig(),
                example.voice());
        assertThat(((CallRefused) webapp.request(unknownScenario)).reason()).isEqualTo(RefusalReason.UNKNOWN_SCENARIO);

        Map<String, String> badConfig = new HashMap<>(example.scenarioConfig());
        badConfig.remove("role");
        ReserveCall invalid = new ReserveCall("c-6", example.phoneNumber(), example.scenarioId(), badConfig, "no-such-voice");
        CallRefused refusedConfig = (CallRefused) webapp.request(invalid);
        assertThat(refusedConfig.reason()).isEqualTo(RefusalReason.INVALID_CONFIG);
        assertThat(refusedConfig.retryAfterSeconds()).isZero();
    }

    @Test
    void unknownSessionsAreNotFound() {
        UUID nobody = UUID.randomUUID();
        for (ChannelReply reply : new ChannelReply[] {
                webapp.request(new CallPlaced("c-1", nobody, "CA" + "9".repeat(32))),
                webapp.request(new ReleaseCall("c-2", nobody, "none")),
                webapp.request(new EndCall("c-3", nobody))}) {
            assertThat(reply).isInstanceOfSatisfying(ErrorReply.class,
                    error -> assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void aPlacedCallCannotBeReleasedAndAnUnplacedOneNotEnded() {
        UUID sessionId = ((CallReserved) webapp.request(ExampleScenarios.reservation("c-1", TestNumbers.fresh()))).sessionId();
        assertThat(((ErrorReply) webapp.request(new EndCall("c-2", sessionId))).message()).contains("release");

        webapp.request(new CallPlaced("c-3", sessionId, "CA" + "3".repeat(32)));
        assertThat(((ErrorReply) webapp.request(new ReleaseCall("c-4", sessionId, "oops"))).message()).contains("end it");
    }

    @Test
    void aPlacementOfUnknownOutcomeKeepsTheSlotUntilTwilioSaysMore() {
        String number = TestNumbers.fresh();
        UUID sessionId = ((CallReserved) webapp.request(ExampleScenarios.reservation("c-1", number))).sessionId();

        assertThat(webapp.request(new CallPlacementUnknown("c-2", sessionId, "timeout"))).isEqualTo(new Ack("c-2"));
        assertThat(webapp.request(new CallPlacementUnknown("c-3", sessionId, "timeout"))).isEqualTo(new Ack("c-3"));

        // Twilio may be calling: the attempt still counts and the slot cannot be given back.
        assertThat(((ErrorReply) webapp.request(new ReleaseCall("c-4", sessionId, "timeout"))).message()).contains("end it");
        assertThat(((PhoneLimitStatus) webapp.request(new PhoneLimitCheck("c-5", number))).callsLeft()).isEqualTo(1);
        assertThat(sessions.findById(sessionId).await().indefinitely().orElseThrow().status()).isEqualTo(CallStatus.QUEUED);
        // If the webapp learns the SID after all, it can still bind it.
        assertThat(webapp.request(new CallPlaced("c-6", sessionId, "CA" + "6".repeat(32)))).isEqualTo(new Ack("c-6"));
        assertThat(webapp.request(new CallPlacementUnknown("c-7", UUID.randomUUID(), "timeout")))
                .isInstanceOfSatisfying(ErrorReply.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aReservationStuckBehindALockIsRefusedBusyWithARetryHint() throws Exception {
        String number = TestNumbers.fresh();
        long lockKey = hasher.hash(number).current().lockKey();
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> released = new CompletableFuture<>();
        pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(lockKey))
                        .invoke(() -> locked.complete(null))
                        .chain(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(3))))
                .subscribe().with(done -> released.complete(null), released::completeExceptionally);
        locked.get(10, TimeUnit.SECONDS);

        CallRefused busy = (CallRefused) webapp.request(ExampleScenarios.reservation("c-1", number));

        assertThat(busy.reason()).isEqualTo(RefusalReason.BUSY);
        assertThat(busy.retryAfterSeconds()).isEqualTo(2);
        released.get(10, TimeUnit.SECONDS);
        assertThat(webapp.request(ExampleScenarios.reservation("c-2", number))).isInstanceOf(CallReserved.class);
        assertThat(((PhoneLimitStatus) webapp.request(new PhoneLimitCheck("c-3", number))).callsLeft()).isEqualTo(1);
    }

    @Test
    void limitLookupsAreBudgetedPerConnection() {
        String number = TestNumbers.fresh();
        ChannelCodec codec = new ChannelCodec();
        // Sent without waiting for replies: the budget (600 a minute) is spent far faster than it refills.
        for (int i = 0; i < 700; i++) {
            webapp.send(codec.encode(new PhoneLimitCheck("c-" + i, number)));
        }
        int withinBudget = 0;
        int refused = 0;
        for (int i = 0; i < 700; i++) {
            switch (webapp.reply("c-" + i)) {
                case PhoneLimitStatus status -> withinBudget++;
                // So many lookups at once also exceed what the database may be asked at once: "busy", in budget.
                case ErrorReply error when error.code() == ErrorCode.UNAVAILABLE -> withinBudget++;
                case ErrorReply error when error.code() == ErrorCode.RATE_LIMITED -> refused++;
                case ChannelReply other -> throw new AssertionError("unexpected reply " + other);
            }
        }
        assertThat(withinBudget).isGreaterThanOrEqualTo(600);
        assertThat(refused).isPositive();
        try (ChannelClient other = ChannelClient.connect(base)) {
            assertThat(other.request(new PhoneLimitCheck("c-1", number))).isInstanceOf(PhoneLimitStatus.class);
        }
    }

    @Test
    void theCatalogComesFromTheScenarios() {
        ScenarioCatalog catalog = (ScenarioCatalog) webapp.request(new GetScenarioCatalog("c-1"));
        assertThat(catalog.scenarios()).isEqualTo(new ExampleScenarios().all());
    }
}
