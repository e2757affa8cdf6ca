package dev.callcoach.simulator.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;
import org.junit.jupiter.api.Test;

class TwimlTest {

    @Test
    void readsWhatTheSdkWrites() throws Exception {
        String xml = new VoiceResponse.Builder()
                .connect(new Connect.Builder().action("/after").stream(new Stream.Builder().url("wss://example.com/media")
                        .name("agent").statusCallback("https://example.com/stream-status")
                        .parameter(new Parameter.Builder().name("token").value("abc123").build())
                        .parameter(new Parameter.Builder().name("tenant").value("t-42").build()).build()).build())
                .say(new Say.Builder("Only reached after the server closes the WebSocket.").build())
                .build().toXml();

        Twiml.Document doc = Twiml.parse(xml, "https://example.com/twiml");

        assertThat(doc.warnings()).isEmpty();
        assertThat(doc.verbs()).hasSize(2);
        Twiml.Connect connect = (Twiml.Connect) doc.verbs().getFirst();
        assertThat(connect.action()).isEqualTo("https://example.com/after");
        assertThat(connect.stream().url()).isEqualTo("wss://example.com/media");
        assertThat(connect.stream().name()).isEqualTo("agent");
        assertThat(connect.stream().statusCallback()).isEqualTo("https://example.com/stream-status");
        assertThat(connect.stream().parameters()).containsExactly(
                org.assertj.core.api.Assertions.entry("token", "abc123"), org.assertj.core.api.Assertions.entry("tenant", "t-42"));
        assertThat(doc.verbs().get(1)).isInstanceOf(Twiml.Say.class);
    }

    @Test
    void relativeStreamUrlsBecomeWebSocketUrls() throws Exception {
        Twiml.Document doc = Twiml.parse("<Response><Connect><Stream url=\"/media\"/></Connect></Response>",
                "https://calls.example.com/twilio/voice");
        assertThat(((Twiml.Connect) doc.verbs().getFirst()).stream().url()).isEqualTo("wss://calls.example.com/media");
    }

    @Test
    void invalidDocumentsAndSchemaWarnings() throws Exception {
        assertThatThrownBy(() -> Twiml.parse("<Response><Connect>", null)).isInstanceOf(Twiml.ParseError.class);
        assertThatThrownBy(() -> Twiml.parse("<Reply/>", null)).hasMessageContaining("<Response>");
        assertThatThrownBy(() -> Twiml.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Response>&e;</Response>", null))
                .isInstanceOf(Twiml.ParseError.class);

        String longValue = "v".repeat(Twiml.MAX_PARAMETER_CHARS);
        Twiml.Document doc = Twiml.parse("<Response><Connect><Stream url=\"wss://x/m\"><Parameter name=\"k\" value=\""
                + longValue + "\"/></Stream></Connect><Dial>+1555</Dial><Frobnicate/></Response>", null);
        assertThat(((Twiml.Connect) doc.verbs().getFirst()).stream().parameters()).isEmpty();
        assertThat(doc.warnings()).hasSize(2).anyMatch(w -> w.contains("500")).anyMatch(w -> w.contains("Frobnicate"));
        assertThat(doc.verbs().get(1)).isEqualTo(new Twiml.Unsupported("Dial"));
    }
}
