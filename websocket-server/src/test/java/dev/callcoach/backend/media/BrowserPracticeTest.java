package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callcoach.backend.call.CallSessions;
import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.limiter.ReservationExpiry;
import dev.callcoach.backend.testing.BridgeTestProfile;
import dev.callcoach.backend.testing.BrowserPage;
import dev.callcoach.backend.testing.ChannelClient;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.SimulatedCallTest;
import dev.callcoach.backend.testing.TestClock;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.BrowserSessionReserved;
import dev.callcoach.contracts.channel.CallEnded;
import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.EndCall;
import dev.callcoach.contracts.channel.EndReason;
import dev.callcoach.contracts.channel.RefusalReason;
import dev.callcoach.contracts.channel.ReserveBrowserSession;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.simulator.realtime.RealtimeSession;
import dev.callcoach.simulator.realtime.Reply;
import dev.callcoach.simulator.realtime.SessionScript;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Practice in the browser over real sockets: the webapp reserves over the channel, a page opens the media
 * socket with the token (docs/protocols.md, "Browser media socket"), the bridge talks to FakeRealtime in
 * 24 kHz PCM16, and the webapp follows the session as it would a phone call.
 */
@QuarkusTest
@TestProfile(BridgeTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class BrowserPracticeTest extends SimulatedCallTest {

    private static final String FOREIGN_ORIGIN = "https://evil.example";

    @Inject
    PhoneLimiter limiter;
    @Inject
    CallSessions sessions;
    @Inject
    ReservationExpiry expiry;
    @Inject
    TestClock clock;
    @Inject
    Vertx vertx;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aWholeBrowserSessionFromTheWebappsAndThePagesPointOfView() throws Exception {
        realtime.script(SessionScript.defaults()
                .transcripts("I have two years of Java.")
                .replies(Reply.say("Welcome to the interview, let me tell you all about the role first.").lasting(Duration.ofSeconds(6)),
                        Reply.say("Great, tell me about a project.").lasting(Duration.ofSeconds(2)),
                        Reply.say("Thanks for your time, goodbye.").lasting(Duration.ofMillis(800))));
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            BrowserSessionReserved reserved = reserve(webapp, "b-1");
            UUID sessionId = reserved.sessionId();
            assertThat(reserved.mediaUrl()).isEqualTo("wss://calls.example.test/browser/media/" + sessionId);
            webapp.request(new Subscribe("s-1", sessionId));
            int before = realtime.sessions().size();

            try (BrowserPage page = BrowserPage.open(vertx, base, sessionId, reserved.mediaToken())) {
                await().until(() -> realtime.sessions().size() > before);
                RealtimeSession openai = realtime.lastSession().orElseThrow();
                JsonNode audio = openai.clientEvents("session.update").getFirst().json().path("session").path("audio");
                assertThat(audio.path("input").path("format").path("type").asText()).isEqualTo("audio/pcm");
                assertThat(audio.path("output").path("format").path("rate").asInt()).isEqualTo(24000);

                // The AI's greeting reaches the page as PCM, and the page has played some of it.
                await().until(() -> page.playedMs() > 1500);
                assertThat(page.receivedSamples()).isPositive();
                page.speak(800);
                await().until(() -> !openai.truncations().isEmpty());

                // Barge-in: the page was told to clear, and the truncate says what it had played by then.
                await().until(() -> !page.playedAtClears().isEmpty());
                RealtimeSession.Truncation truncation = openai.truncations().getFirst();
                assertThat(truncation.accepted()).isTrue();
                long heardAtSpeech = page.playedWhenSpeechBegan();
                long heardAtClear = page.playedAtClears().getFirst();
                System.out.printf("browser barge-in: page had played %d ms when speaking, %d ms at the clear; truncate audio_end_ms=%d%n",
                        heardAtSpeech, heardAtClear, truncation.audioEndMs());
                assertThat(truncation.audioEndMs()).isBetween(heardAtSpeech - 20, heardAtClear + 20);

                // The caller's audio reached OpenAI and came back as a transcript line from "You".
                assertThat(openai.clientEventTypes()).contains("input_audio_buffer.append");
                assertThat(openai.inputAudioMs()).isPositive();
                await().untilAsserted(() -> assertThat(webapp.finalLines(Speaker.CALLER)).containsExactly("I have two years of Java."));

                // End from the webapp: the AI says goodbye, then both sockets close.
                await().until(() -> openai.responseCount() >= 2);
                assertThat(webapp.request(new EndCall("e-1", sessionId))).isInstanceOf(Ack.class);
                await().atMost(Duration.ofSeconds(15)).until(page::isClosed);
                assertThat(page.closeCode()).isEqualTo((short) 1000);
                await().atMost(Duration.ofSeconds(1)).until(() -> !openai.isOpen());
                assertThat(openai.errorsSent()).isEmpty();
            }
            await().untilAsserted(() -> assertThat(webapp.statuses()).containsExactly(CallStatus.IN_PROGRESS, CallStatus.COMPLETED));
            await().untilAsserted(() -> assertThat(webapp.events()).anySatisfy(event -> {
                assertThat(event).isInstanceOf(CallEnded.class);
                assertThat(((CallEnded) event).reason()).isEqualTo(EndReason.ENDED_FROM_PAGE);
            }));
        }
    }

    @Test
    void thePageClosingItsSocketEndsTheCall() throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            BrowserSessionReserved reserved = reserve(webapp, "b-2");
            webapp.request(new Subscribe("s-2", reserved.sessionId()));
            int before = realtime.sessions().size();
            RealtimeSession openai;
            try (BrowserPage page = BrowserPage.open(vertx, base, reserved.sessionId(), reserved.mediaToken())) {
                await().until(() -> realtime.sessions().size() > before);
                openai = realtime.lastSession().orElseThrow();
                await().until(() -> page.receivedSamples() > 0);
                page.sendText("{not json");
                page.sendText("{\"type\":\"teleport\"}");
                page.sendBinary(new byte[BrowserMessages.MAX_AUDIO_BYTES + 2]);
                page.sendBinary(new byte[3]);
                assertThat(page.isClosed()).isFalse();
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> !openai.isOpen());
            await().untilAsserted(() -> assertThat(webapp.statuses()).containsExactly(CallStatus.IN_PROGRESS, CallStatus.COMPLETED));
        }
    }

    @Test
    void aTokenOpensOneSocketOnlyAndOnlyForItsOwnSessionAndFromTheWebappsOrigin() throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            BrowserSessionReserved first = reserve(webapp, "b-3");
            BrowserSessionReserved second = reserve(webapp, "b-4");
            String firstPath = first.sessionId().toString();
            int before = realtime.sessions().size();

            assertThat(BrowserPage.upgradeStatus(vertx, base, firstPath, first.mediaToken(), FOREIGN_ORIGIN)).isEqualTo(403);
            assertThat(BrowserPage.upgradeStatus(vertx, base, firstPath, first.mediaToken(), null)).isEqualTo(403);
            assertThat(BrowserPage.upgradeStatus(vertx, base, firstPath, second.mediaToken(), BrowserPage.ORIGIN)).isEqualTo(403);
            assertThat(BrowserPage.upgradeStatus(vertx, base, firstPath, "A".repeat(43), BrowserPage.ORIGIN)).isEqualTo(403);
            assertThat(BrowserPage.upgradeStatus(vertx, base, firstPath, "short", BrowserPage.ORIGIN)).isEqualTo(403);
            assertThat(BrowserPage.upgradeStatus(vertx, base, "not-a-session", first.mediaToken(), BrowserPage.ORIGIN)).isEqualTo(403);
            assertThat(BrowserPage.upgradeStatus(vertx, base, firstPath, null, BrowserPage.ORIGIN)).isEqualTo(403);
            assertThat(realtime.sessions()).hasSize(before);

            // None of those used the token up; the right one opens the socket once.
            assertThat(BrowserPage.upgradeStatus(vertx, base, firstPath, first.mediaToken(), BrowserPage.ORIGIN)).isEqualTo(101);
            await().until(() -> realtime.openSessionCount() == 0);
            int afterFirstUse = realtime.sessions().size();
            assertThat(BrowserPage.upgradeStatus(vertx, base, firstPath, first.mediaToken(), BrowserPage.ORIGIN)).isEqualTo(403);
            assertThat(realtime.sessions()).hasSize(afterFirstUse);
        }
    }

    @Test
    void anExpiredTokenIsRefusedAndItsUnusedSessionEndsAndFreesItsSlot() throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            clock.freeze();
            BrowserSessionReserved reserved = reserve(webapp, "b-5");
            webapp.request(new Subscribe("s-5", reserved.sessionId()));
            assertThat(reserved.tokenExpiresAt()).isEqualTo(clock.instant().plusSeconds(60));
            int before = realtime.sessions().size();

            clock.advance(Duration.ofSeconds(61));
            assertThat(BrowserPage.upgradeStatus(vertx, base, reserved.sessionId().toString(), reserved.mediaToken(), BrowserPage.ORIGIN))
                    .isEqualTo(403);
            assertThat(realtime.sessions()).hasSize(before);

            expiry.run().await().indefinitely();
            assertThat(sessions.findById(reserved.sessionId()).await().indefinitely().orElseThrow().status())
                    .isEqualTo(CallStatus.RELEASED);
            await().untilAsserted(() -> assertThat(webapp.statuses()).containsExactly(CallStatus.RELEASED));
            assertThat(attempts()).isZero();
        }
    }

    @Test
    void browserSessionsCountAgainstTheConcurrencyCapButNoNumbersLimit() throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            // BridgeTestProfile allows 64 at once.
            for (int i = 0; i < 63; i++) {
                reserve(webapp, "c-" + i);
            }
            Reservations.callable(limiter);
            assertThat(webapp.request(new ReserveBrowserSession("c-64", "job-interview", Reservations.INTERVIEW, "marin")))
                    .isInstanceOfSatisfying(CallRefused.class, refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.CONCURRENCY_CAP));
            assertThat(webapp.request(new ReserveCall("c-65", TestNumbers.fresh(), "job-interview", Reservations.INTERVIEW, "marin")))
                    .isInstanceOfSatisfying(CallRefused.class, refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.CONCURRENCY_CAP));
            // Every browser session counts in the daily cap too, and none carries a phone hash.
            assertThat(attempts()).isEqualTo(64);
            assertThat(pool.query("SELECT count(*) FROM call_session WHERE phone_hash IS NULL").execute().await().indefinitely()
                    .iterator().next().getInteger(0)).isEqualTo(63);
        }
    }

    @Test
    void aBrowserReservationIsCheckedLikeACall() throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            assertThat(webapp.request(new ReserveBrowserSession("v-1", "tea-ceremony", Reservations.INTERVIEW, "marin")))
                    .isInstanceOfSatisfying(CallRefused.class, refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.UNKNOWN_SCENARIO));
            assertThat(webapp.request(new ReserveBrowserSession("v-2", "job-interview", Reservations.INTERVIEW, "no-such-voice")))
                    .isInstanceOfSatisfying(CallRefused.class, refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.INVALID_CONFIG));
        }
    }

    private static BrowserSessionReserved reserve(ChannelClient webapp, String correlationId) {
        return (BrowserSessionReserved) webapp.request(
                new ReserveBrowserSession(correlationId, "job-interview", Reservations.INTERVIEW, "marin"));
    }

    private int attempts() {
        return pool.query("SELECT count(*) FROM call_attempt").execute().await().indefinitely().iterator().next().getInteger(0);
    }
}
