package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.testing.BridgeTestProfile;
import dev.callcoach.backend.testing.ChannelClient;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.SimulatedCallTest;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.CallPlaced;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.EndCall;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.simulator.audio.SessionPattern;
import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.realtime.RealtimeSession;
import dev.callcoach.simulator.realtime.Reply;
import dev.callcoach.simulator.realtime.SessionScript;
import dev.callcoach.simulator.twilio.CallerScript;
import dev.callcoach.simulator.twilio.SimulatedCall;
import dev.callcoach.simulator.twilio.SimulatedStream;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Whole calls over real sockets: the SDK places the call on FakeTwilio, which fetches signed TwiML
 * from the backend and streams a simulated caller; the bridge talks to FakeRealtime; a webapp
 * channel client follows the session.
 */
@QuarkusTest
@TestProfile(BridgeTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class BridgeCallTest extends SimulatedCallTest {

    @Inject
    PhoneLimiter limiter;

    @Test
    void aWholeCallFromTheWebappsPointOfView() throws Exception {
        realtime.script(SessionScript.defaults()
                .transcripts("I have two years of Java.")
                .replies(Reply.say("Hello, thanks for taking my call."), Reply.say("Great, tell me about a project.")));
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            String number = TestNumbers.fresh();
            UUID sessionId = ((CallReserved) webapp.request(
                    new ReserveCall("r-1", number, "job-interview", Reservations.INTERVIEW, "marin"))).sessionId();
            webapp.request(new Subscribe("s-1", sessionId));

            SimulatedCall call = twilio.call(sessionId, number, CallerScript.answerAfter(Duration.ofMillis(100))
                    .thenWaitForReply().thenSpeak(Duration.ofSeconds(1)).thenWaitForReply().thenHangUp());
            webapp.request(new CallPlaced("p-1", sessionId, call.sid()));
            RealtimeSession openai = awaitRealtimeSession(call);
            call.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);

            // Twilio's stream is over: the Realtime session goes within a second.
            await().atMost(Duration.ofSeconds(1)).until(() -> !openai.isOpen());

            SimulatedStream stream = call.stream().orElseThrow();
            assertThat(call.twimlRequests()).hasSize(1);
            assertThat(stream.customParameters()).containsEntry("sessionId", sessionId.toString());
            assertThat(SessionPattern.sessionsIn(stream.heardAudio())).containsOnlyKeys(openai.index());
            assertThat(openai.clientEventTypes()).startsWith("session.update", "response.create")
                    .contains("input_audio_buffer.append");
            assertThat(openai.errorsSent()).isEmpty();

            await().untilAsserted(() -> assertThat(webapp.finalLines(Speaker.CALLER)).containsExactly("I have two years of Java."));
            await().untilAsserted(() -> assertThat(webapp.finalLines(Speaker.AI))
                    .containsExactly("Hello, thanks for taking my call.", "Great, tell me about a project."));

            await().untilAsserted(() -> assertThat(webapp.statuses()).contains(CallStatus.IN_PROGRESS, CallStatus.COMPLETED));
            List<CallStatus> statuses = webapp.statuses();
            assertThat(statuses).isSorted().doesNotHaveDuplicates().endsWith(CallStatus.COMPLETED);
        }
    }

    @Test
    void bargeInTruncatesAtTheCallersPlayedTimeAndClearsTwilio() throws Exception {
        realtime.script(SessionScript.defaults()
                .replies(Reply.say("Welcome to the interview, let me tell you all about the role first.").lasting(Duration.ofSeconds(6))));
        SimulatedCall call = twilio.call(Reservations.callable(limiter).id(), TestNumbers.fresh(), CallerScript.answerAfter(Duration.ofMillis(100))
                .thenWaitUntilHeard(Duration.ofMillis(1500)).thenSpeak(Duration.ofMillis(800)).thenSilence(Duration.ofMillis(600))
                .thenHangUp());
        RealtimeSession openai = awaitRealtimeSession(call);
        call.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);

        SimulatedStream stream = call.stream().orElseThrow();
        assertThat(stream.clears()).hasSize(1);
        assertThat(openai.truncations()).hasSize(1);
        RealtimeSession.Truncation truncation = openai.truncations().getFirst();
        assertThat(truncation.accepted()).isTrue();
        // What the caller had heard of the reply when they started to speak, and when the clear landed
        // (the reply's playback run, cut short by it). The truncate is computed in between, when the
        // VAD reports the speech; on a loaded machine the clear may take a frame or so to travel.
        long heardAtSpeech = stream.utterances().getFirst().runPlayedMsAtStart();
        long heardAtClear = stream.playbackRuns().stream().filter(run -> run.clearedAtMs() >= 0)
                .findFirst().orElseThrow().playedMs();
        System.out.printf("barge-in: caller had heard %d ms when speaking, %d ms when the clear landed; truncate audio_end_ms=%d%n",
                heardAtSpeech, heardAtClear, truncation.audioEndMs());
        assertThat(heardAtSpeech).isPositive();
        assertThat(truncation.audioEndMs()).isBetween(heardAtSpeech - 20, heardAtClear + 20);
    }

    @Test
    void theAiEndsTheCallAfterItsGoodbyeHasPlayed() throws Exception {
        realtime.script(SessionScript.defaults().replies(Reply.say("Thanks, that is all for today, goodbye.").thenCall("end_call", "{}")));
        SimulatedCall call = twilio.call(Reservations.callable(limiter).id(), TestNumbers.fresh(), CallerScript.answerAfter(Duration.ofMillis(100))
                .thenSilence(Duration.ofSeconds(20)).thenHangUp());
        RealtimeSession openai = awaitRealtimeSession(call);
        call.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);

        SimulatedStream stream = call.stream().orElseThrow();
        assertThat(stream.closedBy()).contains("server");
        assertThat(openai.clientEventTypes()).contains("conversation.item.create");
        // Everything the AI sent was heard before the hang-up.
        assertThat(stream.heardMs()).isEqualTo(stream.audioBytesReceived() / 8);
    }

    @Test
    void anEndRequestFromTheWebappGetsAGoodbyeThenTheHangUp() throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            String number = TestNumbers.fresh();
            UUID sessionId = ((CallReserved) webapp.request(
                    new ReserveCall("r-1", number, "job-interview", Reservations.INTERVIEW, "cedar"))).sessionId();
            SimulatedCall call = twilio.call(sessionId, number, CallerScript.answerAfter(Duration.ofMillis(100))
                    .thenWaitForReply().thenSilence(Duration.ofSeconds(20)).thenHangUp());
            webapp.request(new CallPlaced("p-1", sessionId, call.sid()));
            RealtimeSession openai = awaitRealtimeSession(call);
            await().until(() -> openai.responseCount() >= 1 && call.stream().orElseThrow().heardMs() > 500);

            webapp.request(new EndCall("e-1", sessionId));
            call.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(call.stream().orElseThrow().closedBy()).contains("server");
            assertThat(openai.clientEvents("conversation.item.create")).anySatisfy(event ->
                    assertThat(event.raw()).contains("asked to end the call"));
            assertThat(openai.responseCount()).isEqualTo(2);
        }
    }

    @Test
    void aDroppedRealtimeSessionIsReplacedWithTheSameConfig() throws Exception {
        realtime.script(SessionScript.defaults().dropAfter(Duration.ofMillis(1500)));
        int before = realtime.sessions().size();
        SimulatedCall call = twilio.call(Reservations.callable(limiter).id(), TestNumbers.fresh(), CallerScript.answerAfter(Duration.ofMillis(100))
                .thenSilence(Duration.ofSeconds(4)).thenHangUp());
        await().until(() -> realtime.sessions().size() > before);
        realtime.script(SessionScript.defaults());
        call.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);

        List<RealtimeSession> sessions = realtime.sessions().subList(before, realtime.sessions().size());
        assertThat(sessions).hasSize(2);
        JsonNode firstUpdate = sessions.get(0).clientEvents("session.update").getFirst().json().path("session");
        assertThat(sessions.get(1).clientEvents("session.update").getFirst().json().path("session")).isEqualTo(firstUpdate);
        assertThat(sessions.get(1).errorsSent()).isEmpty();
        assertThat(call.stream().orElseThrow().closedBy()).contains("caller");
        assertThat(SessionPattern.sessionsIn(call.stream().orElseThrow().heardAudio()))
                .containsKeys(sessions.get(1).index());
    }

    @Test
    void whenTheReconnectIsRefusedTheCallerHearsTheGoodbyeClipAndTheStreamCloses() throws Exception {
        realtime.script(SessionScript.defaults().dropAfter(Duration.ofMillis(1500)));
        int before = realtime.sessions().size();
        int refusedBefore = realtime.refusedConnections();
        SimulatedCall call = twilio.call(Reservations.callable(limiter).id(), TestNumbers.fresh(), CallerScript.answerAfter(Duration.ofMillis(100))
                .thenSilence(Duration.ofSeconds(30)).thenHangUp());
        await().until(() -> realtime.sessions().size() > before);
        realtime.script(SessionScript.defaults().refuseConnections(503));
        call.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);

        SimulatedStream stream = call.stream().orElseThrow();
        assertThat(realtime.refusedConnections()).isEqualTo(refusedBefore + 1);
        assertThat(stream.closedBy()).contains("server");
        byte[] heard = stream.heardAudio();
        byte[] clip = goodbyeClip();
        assertThat(Arrays.copyOfRange(heard, Math.max(0, heard.length - clip.length), heard.length)).isEqualTo(clip);
    }

    private RealtimeSession awaitRealtimeSession(SimulatedCall call) {
        await().until(() -> call.stream().isPresent() && realtime.lastSession().isPresent()
                && realtime.lastSession().get().openedAtMillis() >= call.createdAtMillis());
        return realtime.lastSession().orElseThrow();
    }

    private static byte[] goodbyeClip() throws IOException {
        try (InputStream in = BridgeCallTest.class.getClassLoader().getResourceAsStream(CallBridges.GOODBYE_CLIP)) {
            return in.readAllBytes();
        }
    }
}
