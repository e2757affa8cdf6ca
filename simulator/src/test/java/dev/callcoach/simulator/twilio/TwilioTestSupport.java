package dev.callcoach.simulator.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Stream;
import dev.callcoach.simulator.http.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Shared fixtures: account, numbers, the SDK client, TwiML and stream messages as our backend writes them. */
final class TwilioTestSupport {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "test-auth-token";
    static final String FROM = "+15005550006";
    static final String TO = "+61491570156";

    private TwilioTestSupport() {
    }

    static TwilioRestClient sdk(FakeTwilio twilio) {
        return sdk(twilio, AUTH_TOKEN);
    }

    static TwilioRestClient sdk(FakeTwilio twilio, String token) {
        return RedirectingHttpClient.client(twilio.baseUrl(), ACCOUNT_SID, token);
    }

    static FakeTwilio.Builder fakeTwilio(TestBackend backend) {
        return backend.route(FakeTwilio.builder().accountSid(ACCOUNT_SID).authToken(AUTH_TOKEN));
    }

    /** {@code <Connect><Stream url="wss://public.example.com/media">} with a status callback and one parameter. */
    static String streamTwiml() {
        return new VoiceResponse.Builder().connect(new Connect.Builder().stream(new Stream.Builder()
                        .url(TestBackend.PUBLIC_WS + "/media")
                        .statusCallback(TestBackend.PUBLIC_HTTP + "/stream-status")
                        .parameter(new Parameter.Builder().name("token").value("abc123").build())
                        .build()).build())
                .build().toXml();
    }

    static String media(String streamSid, byte[] audio) {
        ObjectNode message = Json.object().put("event", "media").put("streamSid", streamSid);
        message.putObject("media").put("payload", Base64.getEncoder().encodeToString(audio));
        return Json.write(message);
    }

    static String mark(String streamSid, String name) {
        ObjectNode message = Json.object().put("event", "mark").put("streamSid", streamSid);
        message.putObject("mark").put("name", name);
        return Json.write(message);
    }

    static String clear(String streamSid) {
        return Json.write(Json.object().put("event", "clear").put("streamSid", streamSid));
    }

    static List<TestBackend.Message> drain(TestBackend backend) {
        List<TestBackend.Message> all = new ArrayList<>();
        backend.messages.drainTo(all);
        return all;
    }
}
