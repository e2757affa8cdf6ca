package dev.callcoach.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.simulator.audio.SessionPattern;
import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.realtime.RealtimeSession;
import dev.callcoach.simulator.realtime.Reply;
import dev.callcoach.simulator.realtime.SessionScript;
import dev.callcoach.simulator.twilio.CallerScript;
import dev.callcoach.simulator.twilio.FakeTwilio;
import dev.callcoach.simulator.twilio.SimulatedCall;
import dev.callcoach.simulator.twilio.SimulatedStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * FakeTwilio and FakeRealtime joined by a minimal bridge: a greeting, a barge-in with truncate and
 * clear, a turn, and the model ending the call with a tool call. Shows the figures the product's
 * barge-in test will compare and prints them; asserts only what cannot depend on machine load.
 */
class BothFakesTogetherTest {

    private static final String TO = "+61491570156";

    @Test
    void aWholeConversationThroughAMinimalBridge() throws Exception {
        SessionScript script = SessionScript.defaults()
                .transcripts("Sorry to interrupt, a table for two?", "Great, thanks.")
                .replies(Reply.say("Welcome to the restaurant, how can I help you tonight?").lasting(Duration.ofSeconds(4)),
                        Reply.say("Of course, for when?"),
                        Reply.say("Goodbye!").thenCall("end_call", "{}"));
        try (FakeRealtime realtime = FakeRealtime.builder().apiKey("sk-bridge").script(script).start();
             ReferenceBridge bridge = new ReferenceBridge(realtime.realtimeUrl("gpt-realtime"), "sk-bridge");
             FakeTwilio twilio = FakeTwilio.builder()
                     .urlRewrite(ReferenceBridge.PUBLIC, "http://127.0.0.1:" + bridge.port())
                     .urlRewrite("wss://bridge.example.com", "ws://127.0.0.1:" + bridge.port())
                     .script(TO, CallerScript.answer().thenWaitUntilHeard(Duration.ofMillis(600)).thenSpeak(Duration.ofMillis(800))
                             .thenWaitForReply().thenSpeak(Duration.ofSeconds(1)))
                     .start()) {

            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/" + twilio.accountSid() + "/Calls.json"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("To=%2B61491570156&From=%2B15005550006&Url="
                            + ReferenceBridge.PUBLIC + "/twiml"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);

            SimulatedCall call = twilio.lastCall().orElseThrow();
            call.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);
            RealtimeSession session = realtime.lastSession().orElseThrow();
            await().until(() -> !session.isOpen());

            assertThat(call.endReason()).contains(SimulatedCall.EndReason.TWIML_ENDED);
            assertThat(call.notifications()).isEmpty();
            SimulatedStream stream = call.stream().orElseThrow();
            assertThat(stream.customParameters()).containsEntry("scenario", "restaurant");
            assertThat(stream.closedBy()).contains("server");
            assertThat(SessionPattern.sessionsIn(stream.heardAudio())).containsOnlyKeys(session.index());
            assertThat(session.errorsSent()).isEmpty();
            assertThat(session.utteranceCount()).isEqualTo(2);
            assertThat(session.responseCount()).isEqualTo(3);

            // Barge-in: the greeting run was cleared; the bridge truncated the item to what it thinks was heard.
            SimulatedStream.PlaybackRun greeting = stream.playbackRuns().getFirst();
            SimulatedStream.Utterance interruption = stream.utterances().getFirst();
            RealtimeSession.Truncation truncation = session.truncations().getFirst();
            assertThat(greeting.clearedAtMs()).isPositive();
            assertThat(stream.clears()).hasSize(1);
            assertThat(truncation.accepted()).isTrue();
            assertThat(truncation.audioEndMs()).isEqualTo(bridge.lastTruncateMs.get());
            assertThat(interruption.runPlayedMsAtStart()).isBetween(600L, 619L);
            System.out.printf("barge-in: caller started speaking after hearing %d ms of the greeting; heard %d ms before the clear;"
                            + " truncate audio_end_ms=%d (difference to heard: %d ms)%n",
                    interruption.runPlayedMsAtStart(), greeting.playedMs(), truncation.audioEndMs(),
                    truncation.audioEndMs() - greeting.playedMs());
        }
    }
}
