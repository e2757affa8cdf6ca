package dev.callcoach.backend.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.realtime.RealtimeQuota;
import dev.callcoach.backend.testing.BridgeTestProfile;
import dev.callcoach.backend.testing.ChannelClient;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.SimulatedCallTest;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.CallEnded;
import dev.callcoach.contracts.channel.CallPlaced;
import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.EndCall;
import dev.callcoach.contracts.channel.EndReason;
import dev.callcoach.contracts.channel.RefusalReason;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.contracts.channel.TranscriptEvent;
import dev.callcoach.simulator.audio.SessionPattern;
import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.realtime.RealtimeSession;
import dev.callcoach.simulator.realtime.Reply;
import dev.callcoach.simulator.realtime.SessionScript;
import dev.callcoach.simulator.twilio.CallStatus;
import dev.callcoach.simulator.twilio.CallerScript;
import dev.callcoach.simulator.twilio.SimulatedCall;
import dev.callcoach.simulator.twilio.SimulatedStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call path under the failures Twilio and OpenAI really produce (issue 9, part B), each over real
 * sockets: the SDK places the call on FakeTwilio, the backend bridges it to FakeRealtime scripted to
 * fail, a webapp channel client follows the session. Each test says what the caller heard (AI audio,
 * the goodbye clip, or nothing; never the session's PCM16), when the stream closed, what the channel
 * pushed and what the limiter counted.
 */
@QuarkusTest
@TestProfile(BridgeTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class CallFailuresTest extends SimulatedCallTest {

    @TestHTTPResource(value = "/", management = true)
    URI management;
    @Inject
    PhoneLimiter limiter;
    @Inject
    RealtimeQuota quota;
    @Inject
    MeterRegistry meters;

    @AfterEach
    void liftTheQuotaPause() {
        quota.lift();
    }

    /** B1, B2, B9: a refused session.update; the session's default PCM16 must never reach the caller. */
    @Test
    void aRefusedSessionUpdateGetsTheGoodbyeClipAndTheCallDoesNotCount() throws Exception {
        realtime.script(SessionScript.defaults().rejectSessionUpdate());
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenSilence(Duration.ofSeconds(20)).thenHangUp())) {
            RealtimeSession openai = call.realtime();
            call.ended();

            SimulatedStream stream = call.stream();
            assertThat(stream.closedBy()).contains("server");
            assertThat(stream.heardAudio()).isEqualTo(goodbyeClip());
            assertThat(SessionPattern.sessionsIn(stream.heardAudio())).isEmpty();
            assertThat(openai.errorsSent()).hasSize(1);
            assertThat(openai.clientEventTypes()).containsExactly("session.update");
            assertThat(openai.clientEvents("session.update").getFirst().eventId()).startsWith("su_");
            assertThat(call.endedEvent()).satisfies(ended -> {
                assertThat(ended.reason()).isEqualTo(EndReason.AI_UNAVAILABLE);
                assertThat(ended.counted()).isFalse();
            });
            call.assertCallsLeft(2);
        }
    }

    /** B3: a rate-limited greeting is retried once; the call goes on as if nothing happened. */
    @Test
    void aRateLimitedResponseIsRetriedOnce() throws Exception {
        realtime.script(SessionScript.defaults().failResponse(1, "rate_limit_exceeded")
                .replies(Reply.say("unused"), Reply.say("Hello, thanks for taking my call.")));
        double before = failedCount("rate_limit_exceeded");
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenWaitForReply().thenHangUp())) {
            RealtimeSession openai = call.realtime();
            call.ended();

            SimulatedStream stream = call.stream();
            assertThat(stream.closedBy()).contains("caller");
            assertThat(SessionPattern.sessionsIn(stream.heardAudio())).containsOnlyKeys(openai.index());
            assertThat(openai.clientEvents("response.create")).hasSize(2);
            assertThat(failedCount("rate_limit_exceeded")).isEqualTo(before + 1);
            assertThat(call.endedEvent()).satisfies(ended -> {
                assertThat(ended.reason()).isEqualTo(EndReason.CALLER_HUNG_UP);
                assertThat(ended.counted()).isTrue();
            });
            call.assertCallsLeft(1);
        }
    }

    /** B3: out of quota. Goodbye clip, calling paused (page and readiness say so), the call not counted. */
    @Test
    void outOfQuotaEndsWithTheClipAndPausesCalling() throws Exception {
        realtime.script(SessionScript.defaults().failResponse(1, "insufficient_quota"));
        double before = failedCount("insufficient_quota");
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenSilence(Duration.ofSeconds(20)).thenHangUp())) {
            call.realtime();
            call.ended();

            assertThat(call.stream().closedBy()).contains("server");
            assertThat(call.stream().heardAudio()).isEqualTo(goodbyeClip());
            assertThat(failedCount("insufficient_quota")).isEqualTo(before + 1);
            assertThat(call.endedEvent().reason()).isEqualTo(EndReason.OPENAI_QUOTA);
            assertThat(call.endedEvent().counted()).isFalse();
            call.assertCallsLeft(2);

            CallRefused refused = (CallRefused) call.webapp.request(
                    new ReserveCall("r-2", TestNumbers.fresh(), "job-interview", Reservations.INTERVIEW, "marin"));
            assertThat(refused.reason()).isEqualTo(RefusalReason.CALLING_PAUSED);
            assertThat(refused.retryAfterSeconds()).isPositive();
            given().get(management.resolve("/q/health/ready")).then().statusCode(200).body(containsString("degraded: OpenAI quota"));
        }
    }

    /** B3: an incomplete response is counted and the call goes on. */
    @Test
    void anIncompleteResponseIsCountedAndTheCallGoesOn() throws Exception {
        realtime.script(SessionScript.defaults().incompleteResponse(1, "max_output_tokens"));
        double before = meters.counter("callcoach.realtime.responses.incomplete", "reason", "max_output_tokens").count();
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenWaitForReply()
                .thenSpeak(Duration.ofMillis(800)).thenWaitForReply().thenHangUp())) {
            RealtimeSession openai = call.realtime();
            call.ended();

            assertThat(call.stream().closedBy()).contains("caller");
            assertThat(openai.responseCount()).isEqualTo(2);
            assertThat(SessionPattern.sessionsIn(call.stream().heardAudio())).containsOnlyKeys(openai.index());
            assertThat(meters.counter("callcoach.realtime.responses.incomplete", "reason", "max_output_tokens").count())
                    .isEqualTo(before + 1);
            assertThat(call.endedEvent().counted()).isTrue();
        }
    }

    /** B4, B6: the page ends the call while the AI talks: cancel, then the goodbye, then the hang-up. */
    @Test
    void endingDuringAReplyCancelsItAndTheCallerHearsAGoodbye() throws Exception {
        realtime.script(SessionScript.defaults().replies(
                Reply.say("Welcome, let me tell you all about the role before we start.").lasting(Duration.ofSeconds(8)),
                Reply.say("Goodbye, and good luck.")));
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenSilence(Duration.ofSeconds(30)).thenHangUp())) {
            RealtimeSession openai = call.realtime();
            await().until(() -> call.stream().heardMs() > 300);

            call.webapp.request(new EndCall("e-1", call.sessionId));
            call.ended();

            assertThat(call.stream().closedBy()).contains("server");
            assertThat(openai.clientEventTypes()).containsSubsequence("response.create", "conversation.item.create",
                    "response.cancel", "response.create");
            assertThat(openai.errorsSent()).isEmpty();
            assertThat(openai.responseCount()).isEqualTo(2);
            assertThat(SessionPattern.sessionsIn(call.stream().heardAudio())).containsOnlyKeys(openai.index());
            assertThat(call.endedEvent().reason()).isEqualTo(EndReason.ENDED_FROM_PAGE);
            call.assertCallsLeft(1);
        }
    }

    /** B6: an end request made while the phone still rings is kept, and the AI's first words are the goodbye. */
    @Test
    void anEndRequestBeforeTheStreamExistsIsApplied() throws Exception {
        realtime.script(SessionScript.defaults().replies(Reply.say("Sorry to hear you have to go. Goodbye.")));
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(1500)).thenSilence(Duration.ofSeconds(30)).thenHangUp())) {
            call.webapp.request(new EndCall("e-1", call.sessionId));
            RealtimeSession openai = call.realtime();
            call.ended();

            assertThat(call.stream().closedBy()).contains("server");
            assertThat(openai.clientEvents("conversation.item.create").getFirst().raw()).contains("asked to end the call");
            assertThat(openai.responseCount()).isEqualTo(1);
            assertThat(call.stream().heardMs()).isPositive();
            assertThat(call.endedEvent().reason()).isEqualTo(EndReason.ENDED_FROM_PAGE);
        }
    }

    /** B6: Twilio's update semantics the webapp relies on, on an answered call. */
    @Test
    void canceledLeavesAnAnsweredCallUpWhileCompletedEndsIt() throws Exception {
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenSilence(Duration.ofSeconds(30)).thenHangUp())) {
            call.realtime();
            twilio.cancel(call.call.sid());
            assertThat(call.call.status()).isEqualTo(CallStatus.IN_PROGRESS);
            assertThat(call.stream().isOpen()).isTrue();

            twilio.complete(call.call.sid());
            call.ended();
            assertThat(call.call.status()).isEqualTo(CallStatus.COMPLETED);
            assertThat(call.stream().closedBy()).contains("twilio");
        }
    }

    /** B7: a voicemail answers. The call ends as soon as AMD says so, with no goodbye to the machine. */
    @Test
    void aMachineAnsweringEndsTheCallAtOnce() throws Exception {
        try (Followed call = place(CallerScript.machineAnswers("machine_start", Duration.ofMillis(100))
                .thenSilence(Duration.ofSeconds(30)).thenHangUp())) {
            call.realtime();
            call.ended();

            SimulatedStream stream = call.stream();
            await().until(() -> !call.call.amdCallbacks().isEmpty());   // recorded once the backend has answered it
            assertThat(call.call.amdCallbacks().getFirst().params()).containsEntry("AnsweredBy", "machine_start");
            assertThat(call.call.amdCallbacks().getFirst().responseStatus()).isEqualTo(204);
            assertThat(stream.closedBy()).contains("server");
            // Detection takes about a second; the stream closed right after, mid-greeting, with no clip.
            assertThat(stream.elapsedMs()).isLessThan(5000);
            byte[] heard = stream.heardAudio();
            byte[] clip = goodbyeClip();
            assertThat(heard.length < clip.length || !Arrays.equals(Arrays.copyOfRange(heard, heard.length - clip.length, heard.length), clip)).isTrue();
            assertThat(call.endedEvent()).satisfies(ended -> {
                assertThat(ended.reason()).isEqualTo(EndReason.VOICEMAIL);
                assertThat(ended.counted()).isTrue();
            });
            call.assertCallsLeft(1);
        }
    }

    /**
     * B5: the caller's transcription lands after the AI's answer, and fails: the page still gets the
     * question's place before the answer, as "(inaudible)".
     */
    @Test
    void transcriptLinesFollowTheConversationEvenWhenTranscriptionIsLate() throws Exception {
        realtime.script(SessionScript.defaults().transcriptionDelay(Duration.ofMillis(1200)).failTranscriptions()
                .replies(Reply.say("Hello."), Reply.say("Two years, good.")));
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenWaitForReply()
                .thenSpeak(Duration.ofMillis(800)).thenWaitForReply().thenHangUp())) {
            call.realtime();
            call.ended();

            await().untilAsserted(() -> assertThat(call.finals()).containsExactly("AI: Hello.", "CALLER: (inaudible)",
                    "AI: Two years, good."));
        }
    }

    /** B8: a key press reaches the model as a short user message and shows in the transcript. */
    @Test
    void aKeyPressReachesTheModelAndTheTranscript() throws Exception {
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenWaitForReply().thenDtmf("5")
                .thenWaitForReply().thenHangUp())) {
            RealtimeSession openai = call.realtime();
            call.ended();

            assertThat(openai.clientEvents("conversation.item.create")).anySatisfy(event ->
                    assertThat(event.raw()).contains("\"role\":\"user\"").contains("The caller pressed 5"));
            assertThat(openai.errorsSent()).isEmpty();
            await().untilAsserted(() -> assertThat(call.finals()).contains("CALLER: (pressed 5)"));
            assertThat(call.stream().closedBy()).contains("caller");
        }
    }

    /** B9: OpenAI unreachable from the start. The clip, and the number keeps its calls. */
    @Test
    void realtimeUnreachableAtTheStartDoesNotCount() throws Exception {
        realtime.script(SessionScript.defaults().refuseConnections(503));
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenSilence(Duration.ofSeconds(20)).thenHangUp())) {
            call.ended();
            assertThat(call.stream().closedBy()).contains("server");
            assertThat(call.stream().heardAudio()).isEqualTo(goodbyeClip());
            assertThat(call.endedEvent().reason()).isEqualTo(EndReason.AI_UNAVAILABLE);
            assertThat(call.endedEvent().counted()).isFalse();
            call.assertCallsLeft(2);
        }
    }

    /** A server close with 1011 mid-call: one reconnect, and the caller hears the replacement session. */
    @Test
    void aServerCloseMidCallIsRepairedOnce() throws Exception {
        realtime.script(SessionScript.defaults().closeAfter(Duration.ofMillis(1500), 1011));
        int before = realtime.sessions().size();
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenSilence(Duration.ofSeconds(4)).thenHangUp())) {
            RealtimeSession first = call.realtime();
            realtime.script(SessionScript.defaults());
            call.ended();

            assertThat(first.closeCode()).hasValue(1011);
            List<RealtimeSession> sessions = realtime.sessions().subList(before, realtime.sessions().size());
            assertThat(sessions).hasSize(2);
            assertThat(SessionPattern.sessionsIn(call.stream().heardAudio())).containsKey(sessions.get(1).index());
            assertThat(call.stream().closedBy()).contains("caller");
            assertThat(call.endedEvent().reason()).isEqualTo(EndReason.CALLER_HUNG_UP);
        }
    }

    /** The function name only on the item: end_call still ends the call after the goodbye. */
    @Test
    void endCallWorksWhenTheArgumentsEventLacksTheName() throws Exception {
        realtime.script(SessionScript.defaults().omitFunctionCallName()
                .replies(Reply.say("That is all for today, goodbye.").thenCall("end_call", "{}")));
        try (Followed call = place(CallerScript.answerAfter(Duration.ofMillis(100)).thenSilence(Duration.ofSeconds(20)).thenHangUp())) {
            call.realtime();
            call.ended();

            assertThat(call.stream().closedBy()).contains("server");
            assertThat(call.stream().heardMs()).isEqualTo(call.stream().audioBytesReceived() / 8);
            assertThat(call.endedEvent().reason()).isEqualTo(EndReason.AI_SAID_GOODBYE);
        }
    }

    // ---- helpers ----

    private double failedCount(String code) {
        return meters.counter("callcoach.realtime.responses.failed", "code", code).count();
    }

    private Followed place(CallerScript script) {
        ChannelClient webapp = ChannelClient.connect(base);
        String number = TestNumbers.fresh();
        UUID sessionId = ((CallReserved) webapp.request(
                new ReserveCall("r-1", number, "job-interview", Reservations.INTERVIEW, "marin"))).sessionId();
        webapp.request(new Subscribe("s-1", sessionId));
        SimulatedCall call = twilio.call(sessionId, number, script);
        webapp.request(new CallPlaced("p-1", sessionId, call.sid()));
        return new Followed(webapp, sessionId, number, call);
    }

    /** One call as the webapp follows it. */
    private final class Followed implements AutoCloseable {
        final ChannelClient webapp;
        final UUID sessionId;
        final String number;
        final SimulatedCall call;

        Followed(ChannelClient webapp, UUID sessionId, String number, SimulatedCall call) {
            this.webapp = webapp;
            this.sessionId = sessionId;
            this.number = number;
            this.call = call;
        }

        RealtimeSession realtime() {
            await().until(() -> call.stream().isPresent() && realtime.lastSession().isPresent()
                    && realtime.lastSession().get().openedAtMillis() >= call.createdAtMillis());
            return realtime.lastSession().orElseThrow();
        }

        SimulatedStream stream() {
            return call.stream().orElseThrow();
        }

        void ended() throws Exception {
            call.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        CallEnded endedEvent() {
            await().until(() -> events().stream().anyMatch(CallEnded.class::isInstance));
            List<CallEnded> ended = events().stream().filter(CallEnded.class::isInstance).map(CallEnded.class::cast).toList();
            assertThat(ended).hasSize(1);
            return ended.getFirst();
        }

        List<String> finals() {
            return events().stream().filter(e -> e instanceof TranscriptEvent t && t.isFinal())
                    .map(e -> ((TranscriptEvent) e).speaker() + ": " + ((TranscriptEvent) e).text()).toList();
        }

        /** What the limiter counts for the number now (the limit is 2 an hour). */
        void assertCallsLeft(int expected) {
            await().untilAsserted(() -> assertThat(limiter.check(number).await().atMost(Duration.ofSeconds(5)).callsLeft())
                    .isEqualTo(expected));
        }

        private List<ChannelEvent> events() {
            return webapp.events();
        }

        @Override
        public void close() {
            webapp.close();
        }
    }

    private static byte[] goodbyeClip() throws IOException {
        try (InputStream in = CallFailuresTest.class.getClassLoader().getResourceAsStream(CallBridges.GOODBYE_CLIP)) {
            return in.readAllBytes();
        }
    }
}
