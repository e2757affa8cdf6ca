package dev.callcoach.simulator.twilio;

import static dev.callcoach.simulator.twilio.TwilioTestSupport.FROM;
import static dev.callcoach.simulator.twilio.TwilioTestSupport.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answering machine detection as the SDK asks for it: the verdict, signed, where and when Twilio sends it. */
class AnsweringMachineTest {

    private final TestBackend backend = new TestBackend(TwilioTestSupport.AUTH_TOKEN);
    private final FakeTwilio twilio = TwilioTestSupport.fakeTwilio(backend).start();

    @AfterEach
    void close() {
        twilio.close();
        backend.close();
    }

    @Test
    void asyncAmdPostsTheVerdictWhileTheTwimlRuns() {
        backend.twiml.put("/twiml", "<Response><Pause length=\"5\"/></Response>");
        twilio.script(TO, CallerScript.machineAnswers("machine_end_beep", Duration.ofMillis(100)));
        SimulatedCall call = place(creator().setMachineDetection("Enable").setAsyncAmd("true")
                .setAsyncAmdStatusCallback(URI.create(TestBackend.PUBLIC_HTTP + "/amd")));

        await().until(() -> !backend.requestsTo("/amd").isEmpty());
        TestBackend.Received verdict = backend.requestsTo("/amd").getFirst();
        assertThat(verdict.signatureValid()).isTrue();
        // With Enable, Twilio reports a machine as soon as it knows: machine_start.
        assertThat(verdict.form()).containsEntry("AnsweredBy", "machine_start").containsEntry("CallSid", call.sid())
                .containsKey("MachineDetectionDuration").doesNotContainKey("CallStatus");
        assertThat(backend.requestsTo("/twiml")).hasSize(1);
        assertThat(backend.requestsTo("/twiml").getFirst().form()).doesNotContainKey("AnsweredBy");
        // The call records the callback once the backend has answered it, a moment after the backend saw it.
        await().until(() -> call.amdCallbacks().size() == 1);
    }

    @Test
    void aPersonIsReportedAsHumanAndSynchronousAmdAnswersOnTheVoiceWebhook() {
        backend.twiml.put("/twiml", "<Response><Pause length=\"3\"/></Response>");
        twilio.script(TO, CallerScript.answerAfter(Duration.ofMillis(50)));
        place(creator().setMachineDetection("Enable").setAsyncAmd("true")
                .setAsyncAmdStatusCallback(URI.create(TestBackend.PUBLIC_HTTP + "/amd")));
        await().until(() -> !backend.requestsTo("/amd").isEmpty());
        assertThat(backend.requestsTo("/amd").getFirst().form()).containsEntry("AnsweredBy", "human");

        twilio.script(TO, CallerScript.machineAnswers("fax", Duration.ofMillis(50)));
        place(creator().setMachineDetection("DetectMessageEnd"));
        await().until(() -> backend.requestsTo("/twiml").size() == 2);
        assertThat(backend.requestsTo("/twiml").get(1).form()).containsEntry("AnsweredBy", "fax");
    }

    private CallCreator creator() {
        return Call.creator(new PhoneNumber(TO), new PhoneNumber(FROM), URI.create(TestBackend.PUBLIC_HTTP + "/twiml"));
    }

    private SimulatedCall place(CallCreator creator) {
        return twilio.call(creator.create(TwilioTestSupport.sdk(twilio)).getSid()).orElseThrow();
    }
}
