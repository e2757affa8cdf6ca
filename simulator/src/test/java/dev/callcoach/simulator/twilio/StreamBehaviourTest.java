package dev.callcoach.simulator.twilio;

import static dev.callcoach.simulator.twilio.TwilioTestSupport.FROM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import dev.callcoach.simulator.twilio.SimulatedCall.EndReason;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TwiML execution around the stream, stream failures, and FakeTwilio's strictness about what the server sends. */
class StreamBehaviourTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(100);

    private final TestBackend backend = new TestBackend(TwilioTestSupport.AUTH_TOKEN);
    private final FakeTwilio twilio = TwilioTestSupport.fakeTwilio(backend).start();
    private final TwilioRestClient client = TwilioTestSupport.sdk(twilio);

    @AfterEach
    void close() {
        twilio.close();
        backend.close();
    }

    @Test
    void serverClosingTheSocketEndsConnectAndRunsItsAction() throws Exception {
        backend.twiml.put("/twiml", "<Response><Connect action=\"/after\"><Stream url=\"wss://public.example.com/media\"/>"
                + "</Connect></Response>");
        backend.twiml.put("/after", "<Response><Hangup/></Response>");
        backend.onMessage = (b, m) -> {
            if (m.event().equals("start")) {
                b.closeSocket();
            }
        };
        SimulatedCall call = place(urlCall(next()));
        assertThat(call.endReason()).contains(EndReason.HANGUP_VERB);
        assertThat(call.twimlRequests()).extracting(WebhookRequest::purpose).containsExactly("Url", "Connect action");
        assertThat(call.twimlRequests()).allMatch(r -> r.responseStatus() == 200);
        assertThat(call.stream().orElseThrow().closedBy()).contains("server");
        assertThat(call.notifications()).isEmpty();
    }

    @Test
    void withNothingAfterConnectTheCallEndsWhenTheServerCloses() throws Exception {
        backend.twiml.put("/twiml", "<Response><Connect><Stream url=\"/media\"/></Connect></Response>");
        backend.onMessage = (b, m) -> {
            if (m.event().equals("start")) {
                b.closeSocket();
            }
        };
        SimulatedCall call = place(urlCall(next()));
        assertThat(call.endReason()).contains(EndReason.TWIML_ENDED);
        assertThat(call.stream().orElseThrow().url()).as("relative URL resolved against the TwiML URL")
                .isEqualTo("wss://public.example.com/media");
        assertThat(backend.upgradeSignatureValid).isTrue();
    }

    @Test
    void twimlThatCannotBeFetchedOrParsedEndsTheCallWithTwiliosCode() throws Exception {
        backend.twiml.put("/twiml", "<Response><Connect>");
        SimulatedCall broken = place(urlCall(next()));
        assertThat(broken.endReason()).contains(EndReason.TWIML_ERROR);
        assertThat(broken.notifications()).extracting(TwilioNotification::code).containsExactly(12100);

        backend.twiml.put("/twiml", "<Response/>");
        backend.statusOverrides.put("/twiml", 500);
        SimulatedCall failing = place(urlCall(next()));
        assertThat(failing.endReason()).contains(EndReason.TWIML_ERROR);
        assertThat(failing.notifications()).extracting(TwilioNotification::code).containsExactly(11200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <Stream url="wss://public.example.com/media?token=x"/>             | 31920
            <Stream url="ws://public.example.com/media"/>                      | 31922
            <Stream url="wss://public.example.com/media" track="both_tracks"/> | 31941
            """)
    void streamsTwilioWouldRefuseAreNotOpened(String stream, int code) throws Exception {
        Call created = Call.creator(new PhoneNumber(next()), new PhoneNumber(FROM),
                new Twiml("<Response><Connect>" + stream + "</Connect></Response>")).create(client);
        SimulatedCall call = ended(created);
        assertThat(call.streams()).isEmpty();
        assertThat(call.notifications()).extracting(TwilioNotification::code).containsExactly(code);
        assertThat(call.endReason()).contains(EndReason.TWIML_ENDED);
    }

    @Test
    void malformedServerMessagesAreReportedAndIgnoredThenRestCompletesTheCall() throws Exception {
        backend.twiml.put("/twiml", TwilioTestSupport.streamTwiml());
        backend.onMessage = (b, m) -> {
            if (!m.event().equals("start")) {
                return;
            }
            String sid = m.json().path("streamSid").asText();
            b.sendBinary(new byte[] {1, 2, 3});
            b.send("{not json");
            b.send("{\"event\":\"dance\",\"streamSid\":\"" + sid + "\"}");
            b.send(TwilioTestSupport.clear("MZ" + "0".repeat(32)));
            b.send("{\"event\":\"clear\",\"streamSid\":\"" + sid + "\",\"sequenceNumber\":\"1\"}");
            b.send("{\"event\":\"media\",\"streamSid\":\"" + sid + "\",\"media\":{\"payload\":\"%%%\"}}");
            b.send("{\"event\":\"mark\",\"streamSid\":\"" + sid + "\",\"mark\":{}}");
            b.send(TwilioTestSupport.mark(sid, "valid"));
        };
        Call created = urlCall(next());
        SimulatedCall call = twilio.call(created.getSid()).orElseThrow();
        await().until(() -> call.stream().map(s -> s.marks().size() == 1).orElse(false));

        Call.updater(created.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(client);

        call.whenEnded().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(call.notifications()).extracting(TwilioNotification::code)
                .containsExactly(31950, 31951, 31951, 31951, 31951, 31951, 31951);
        assertThat(call.stream().orElseThrow().messagesReceived()).as("all but the media message").hasSize(7);
        assertThat(call.endReason()).contains(EndReason.REST_UPDATE);
        assertThat(call.stream().orElseThrow().closedBy()).contains("twilio");
        await().until(() -> backend.socketClosed);
        assertThat(TwilioTestSupport.drain(backend).getLast().event()).isEqualTo("stop");
    }

    @Test
    void restRedirectStopsTheStreamAndRunsTheNewTwiml() throws Exception {
        backend.twiml.put("/twiml", TwilioTestSupport.streamTwiml());
        Call created = urlCall(next());
        SimulatedCall call = twilio.call(created.getSid()).orElseThrow();
        await().until(() -> call.stream().map(SimulatedStream::isOpen).orElse(false));

        Call.updater(created.getSid()).setTwiml(new Twiml("<Response><Pause length=\"0\"/><Hangup/></Response>")).update(client);

        call.whenEnded().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(call.endReason()).contains(EndReason.HANGUP_VERB);
        assertThat(call.stream().orElseThrow().closedBy()).contains("twilio");
        await().until(() -> backend.socketClosed);
    }

    @Test
    void timeLimitHangsUp() throws Exception {
        backend.twiml.put("/twiml", TwilioTestSupport.streamTwiml());
        Call created = Call.creator(new PhoneNumber(next()), new PhoneNumber(FROM), URI.create(TestBackend.PUBLIC_HTTP + "/twiml"))
                .setTimeLimit(1).create(client);
        SimulatedCall call = ended(created);
        assertThat(call.endReason()).contains(EndReason.TIME_LIMIT);
        assertThat(call.durationSeconds()).hasValue(1);
    }

    @Test
    void getWebhooksAreSignedOverTheirQueryString() throws Exception {
        backend.twiml.put("/twiml", "<Response><Hangup/></Response>");
        Call created = Call.creator(new PhoneNumber(next()), new PhoneNumber(FROM), URI.create(TestBackend.PUBLIC_HTTP + "/twiml?v=1"))
                .setMethod(HttpMethod.GET).setStatusCallback(URI.create(TestBackend.PUBLIC_HTTP + "/status"))
                .setStatusCallbackMethod(HttpMethod.GET).create(client);
        SimulatedCall call = ended(created);
        await().until(() -> call.statusCallbacks().size() == 1);
        List<TestBackend.Received> requests = backend.requests;
        assertThat(requests).hasSize(2).allMatch(r -> r.method().equals("GET") && r.signatureValid());
        assertThat(call.twimlRequests().getFirst().params()).containsEntry("CallStatus", "in-progress");
    }

    @Test
    void callerSpeakingAfterHearingHalfASecondRecordsThePlayedFigures() throws Exception {
        backend.twiml.put("/twiml", TwilioTestSupport.streamTwiml());
        String to = next();
        twilio.script(to, CallerScript.answer().thenWaitUntilHeard(Duration.ofMillis(500)).thenSpeak(Duration.ofMillis(200))
                .thenHangUp());
        backend.onMessage = (b, m) -> {
            if (m.event().equals("start")) {
                b.send(TwilioTestSupport.media(m.json().path("streamSid").asText(), new byte[16_000])); // 2 s
            }
        };
        SimulatedCall call = ended(urlCall(to));
        SimulatedStream.Utterance utterance = call.stream().orElseThrow().utterances().getFirst();
        assertThat(utterance.runPlayedMsAtStart()).isBetween(500L, 519L);
        assertThat(utterance.heardMsAtStart()).isEqualTo(utterance.runPlayedMsAtStart());
        assertThat(call.stream().orElseThrow().runPlayedMsAt(utterance.startMs())).isEqualTo(utterance.runPlayedMsAtStart());
        assertThat(call.endReason()).contains(EndReason.CALLER_HUNG_UP);
    }

    private Call urlCall(String to) {
        return Call.creator(new PhoneNumber(to), new PhoneNumber(FROM), URI.create(TestBackend.PUBLIC_HTTP + "/twiml")).create(client);
    }

    private SimulatedCall place(Call created) throws Exception {
        return ended(created);
    }

    private SimulatedCall ended(Call created) throws Exception {
        return twilio.call(created.getSid()).orElseThrow().whenEnded().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String next() {
        return "+1415555" + String.format("%04d", NUMBERS.incrementAndGet());
    }
}
