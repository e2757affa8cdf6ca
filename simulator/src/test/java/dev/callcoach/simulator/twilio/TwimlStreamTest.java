package dev.callcoach.simulator.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TwimlStreamTest {

    @Test
    void theStreamUrlAndParametersAsTwilioWouldUseThem() {
        String twiml = """
                <?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="/twilio/media/abc">\
                <Parameter name="sessionId" value="abc"/></Stream></Connect></Response>""";

        TwimlStream stream = TwimlStream.of(twiml, "https://calls.example.test/twilio/voice/abc");

        assertThat(stream.url()).isEqualTo("wss://calls.example.test/twilio/media/abc");
        assertThat(stream.parameters()).isEqualTo(Map.of("sessionId", "abc"));
    }

    @Test
    void anApologyOrGarbageIsAClearError() {
        assertThatThrownBy(() -> TwimlStream.of("<Response><Say>Sorry</Say><Hangup/></Response>", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the TwiML connects no Media Stream: <Response><Say>Sorry");
        assertThatThrownBy(() -> TwimlStream.of("not xml", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not TwiML");
    }
}
