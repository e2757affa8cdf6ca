package dev.callcoach.simulator.twilio;

import static dev.callcoach.simulator.twilio.TwilioTestSupport.FROM;
import static dev.callcoach.simulator.twilio.TwilioTestSupport.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import dev.callcoach.simulator.audio.AudioEncoding;
import dev.callcoach.simulator.audio.SessionPattern;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: the official SDK creates a call → signed status callbacks → TwiML fetched from a test
 * server → signed stream handshake → frames at 50/s → marks echoed after playback time → {@code clear}
 * flushes → {@code stop} on hang-up.
 */
class ScriptedCallTest {

    private static final int SCRIPTED_FRAMES = 150; // speak 1 s + silence 1 s + hang up after 1 s

    private final TestBackend backend = new TestBackend(TwilioTestSupport.AUTH_TOKEN);
    private final FakeTwilio twilio = TwilioTestSupport.fakeTwilio(backend).start();

    @AfterEach
    void close() {
        twilio.close();
        backend.close();
    }

    @Test
    void scriptedCallFromSdkToHangUp() throws Exception {
        backend.twiml.put("/twiml", TwilioTestSupport.streamTwiml());
        twilio.script(TO, CallerScript.answerAfter(Duration.ofMillis(300)).thenSpeak(Duration.ofSeconds(1))
                .thenSilence(Duration.ofSeconds(1)).hangUpAfter(Duration.ofSeconds(1)));
        AtomicLong markSentNanos = new AtomicLong();
        backend.onMessage = (b, m) -> {
            String sid = m.json().path("streamSid").asText();
            if (m.event().equals("start")) {
                for (int i = 0; i < 5; i++) { // 500 ms in 100 ms chunks
                    b.send(TwilioTestSupport.media(sid, SessionPattern.audio(AudioEncoding.PCMU, 9, i * 800L, 800)));
                }
                markSentNanos.set(System.nanoTime());
                b.send(TwilioTestSupport.mark(sid, "m1"));
            } else if (m.event().equals("mark") && m.json().at("/mark/name").asText().equals("m1")) {
                b.send(TwilioTestSupport.media(sid, SessionPattern.audio(AudioEncoding.PCMU, 9, 4000, 16_000)));
                b.send(TwilioTestSupport.mark(sid, "m2"));
                b.send(TwilioTestSupport.clear(sid));
            }
        };

        Call created = Call.creator(new PhoneNumber(TO), new PhoneNumber(FROM), URI.create(TestBackend.PUBLIC_HTTP + "/twiml"))
                .setStatusCallback(URI.create(TestBackend.PUBLIC_HTTP + "/status"))
                .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                .setTimeout(30)
                .create(TwilioTestSupport.sdk(twilio));

        assertThat(created.getSid()).matches("CA[0-9a-f]{32}");
        assertThat(created.getStatus()).isEqualTo(Call.Status.QUEUED);
        SimulatedCall call = twilio.call(created.getSid()).orElseThrow();
        call.whenEnded().toCompletableFuture().get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.requestsTo("/status").size() == 4
                && backend.requestsTo("/stream-status").size() == 2 && backend.socketClosed);

        // Signed status callbacks, the selected events only, numbered from 0.
        List<TestBackend.Received> callbacks = backend.requestsTo("/status").stream()
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.form().get("SequenceNumber")))).toList();
        assertThat(callbacks).allMatch(TestBackend.Received::signatureValid);
        assertThat(callbacks).extracting(r -> r.form().get("CallStatus"))
                .containsExactly("initiated", "ringing", "in-progress", "completed");
        assertThat(callbacks).extracting(r -> r.form().get("SequenceNumber")).containsExactly("0", "1", "2", "3");
        assertThat(callbacks.getLast().form()).containsEntry("CallbackSource", "call-progress-events")
                .containsEntry("SipResponseCode", "200").containsEntry("Duration", "1")
                .containsEntry("CallSid", created.getSid()).containsEntry("To", TO).containsEntry("From", FROM)
                .containsEntry("Direction", "outbound-api").containsEntry("ToCountry", "AU").containsKey("Timestamp");
        assertThat(Integer.parseInt(callbacks.getLast().form().get("CallDuration"))).isBetween(3, 10);

        // TwiML fetched with a signed form POST of the standard parameters.
        assertThat(backend.requestsTo("/twiml")).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.form()).containsEntry("CallStatus", "in-progress").containsEntry("AccountSid", TwilioTestSupport.ACCOUNT_SID)
                    .containsEntry("ApiVersion", "2010-04-01").containsEntry("Caller", FROM).containsEntry("Called", TO);
        });

        // The upgrade was signed over the wss:// URL as written in the TwiML.
        assertThat(backend.upgradeSignatureValid).isTrue();

        List<TestBackend.Message> messages = TwilioTestSupport.drain(backend);
        assertThat(messages.getFirst().raw()).isEqualTo("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        TestBackend.Message start = messages.get(1);
        assertThat(start.event()).isEqualTo("start");
        assertThat(start.json().at("/start/callSid").asText()).isEqualTo(created.getSid());
        assertThat(start.json().at("/start/customParameters/token").asText()).isEqualTo("abc123");
        assertThat(start.json().at("/start/mediaFormat").toString())
                .isEqualTo("{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}");
        assertThat(start.json().at("/start/tracks").toString()).isEqualTo("[\"inbound\"]");
        String streamSid = start.json().path("streamSid").asText();
        assertThat(messages.subList(1, messages.size())).allMatch(m -> m.json().path("streamSid").asText().equals(streamSid));
        for (int i = 1; i < messages.size(); i++) {
            assertThat(messages.get(i).json().path("sequenceNumber").asText()).isEqualTo(String.valueOf(i));
        }

        // Inbound frames: 160 bytes each, chunk and timestamp counting up, 50 per second of the script.
        List<TestBackend.Message> frames = messages.stream().filter(m -> m.event().equals("media")).toList();
        for (int k = 0; k < frames.size(); k++) {
            TestBackend.Message frame = frames.get(k);
            assertThat(frame.json().at("/media/track").asText()).isEqualTo("inbound");
            assertThat(frame.json().at("/media/chunk").asText()).isEqualTo(String.valueOf(k + 1));
            assertThat(frame.json().at("/media/timestamp").asText()).isEqualTo(String.valueOf(k * 20));
            assertThat(Base64.getDecoder().decode(frame.json().at("/media/payload").asText())).hasSize(160);
        }
        long lastTimestamp = Long.parseLong(frames.getLast().json().at("/media/timestamp").asText());
        assertThat(frames).hasSize((int) (lastTimestamp / 20 + 1));
        assertThat(frames.size()).isBetween((int) (SCRIPTED_FRAMES * 0.95), (int) (SCRIPTED_FRAMES * 1.05));
        double wallSeconds = (frames.getLast().receivedNanos() - frames.getFirst().receivedNanos()) / 1e9;
        System.out.printf("media frames: %d over %.3f s wall clock = %.1f frames/s (target 50)%n",
                frames.size(), wallSeconds, (frames.size() - 1) / wallSeconds);

        // m1 came back only after its 500 ms had played (a lower bound, so it cannot flake); m2 was flushed by the clear.
        TestBackend.Message m1 = messages.stream().filter(m -> m.event().equals("mark")).findFirst().orElseThrow();
        assertThat(m1.json().at("/mark/name").asText()).isEqualTo("m1");
        assertThat(m1.receivedNanos() - markSentNanos.get()).isGreaterThanOrEqualTo(499_000_000L);
        SimulatedStream stream = call.stream().orElseThrow();
        assertThat(stream.marks()).extracting(SimulatedStream.MarkEcho::name).containsExactly("m1", "m2");
        long firstRunStart = stream.playbackRuns().getFirst().startMs();
        assertThat(stream.marks().getFirst().playedAtMs()).isBetween(firstRunStart + 499, firstRunStart + 501);
        assertThat(stream.marks().getFirst().echoedAtMs()).isGreaterThanOrEqualTo(stream.marks().getFirst().playedAtMs());
        assertThat(stream.marks().get(1).flushedByClear()).isTrue();
        assertThat(messages).filteredOn(m -> m.event().equals("mark")).extracting(m -> m.json().at("/mark/name").asText())
                .containsExactly("m1", "m2");
        assertThat(stream.clears()).singleElement().satisfies(c -> {
            assertThat(c.flushedMarks()).containsExactly("m2");
            assertThat(c.droppedMs()).isGreaterThan(1500);
        });
        assertThat(stream.playbackRuns()).hasSize(2).first().satisfies(run -> assertThat(run.playedMs()).isEqualTo(500));
        assertThat(stream.heardMs()).isLessThan(1000);
        assertThat(SessionPattern.sessionsIn(stream.heardAudio())).containsOnlyKeys(9);
        assertThat(stream.heardAudioOfRun(0)).hasSize(4000);

        // The caller hung up: stop, then close.
        TestBackend.Message stop = messages.getLast();
        assertThat(stop.event()).isEqualTo("stop");
        assertThat(stop.json().at("/stop/callSid").asText()).isEqualTo(created.getSid());
        assertThat(stop.json().at("/stop/accountSid").asText()).isEqualTo(TwilioTestSupport.ACCOUNT_SID);
        assertThat(stream.closedBy()).contains("caller");
        assertThat(stream.utterances()).singleElement().satisfies(u -> {
            assertThat(u.startMs()).isZero();
            assertThat(u.endMs()).isEqualTo(1000);
        });
        assertThat(backend.requestsTo("/stream-status")).extracting(r -> r.form().get("StreamEvent"))
                .containsExactly("stream-started", "stream-stopped");
        assertThat(backend.requestsTo("/stream-status")).allMatch(TestBackend.Received::signatureValid);

        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.endReason()).contains(SimulatedCall.EndReason.CALLER_HUNG_UP);
        assertThat(call.notifications()).isEmpty();
        assertThat(call.statusHistory()).extracting(SimulatedCall.StatusChange::status).containsExactly(CallStatus.QUEUED,
                CallStatus.INITIATED, CallStatus.RINGING, CallStatus.IN_PROGRESS, CallStatus.COMPLETED);

        Call fetched = Call.fetcher(created.getSid()).fetch(TwilioTestSupport.sdk(twilio));
        assertThat(fetched.getStatus()).isEqualTo(Call.Status.COMPLETED);
        assertThat(fetched.getDuration()).isEqualTo(callbacks.getLast().form().get("CallDuration"));
        assertThat(fetched.getStartTime()).isNotNull();
        assertThat(fetched.getEndTime()).isNotNull();
    }
}
