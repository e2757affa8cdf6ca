package dev.callcoach.backend.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TwimlTest {

    @Test
    void connectsTheCallToTheMediaStreamWithTheSessionAsParameter() {
        UUID id = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        assertThat(Twiml.connectStream("wss://x.example/twilio/media", id)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect><Stream url=\"wss://x.example/twilio/media\">"
                        + "<Parameter name=\"sessionId\" value=\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"/>"
                        + "</Stream></Connect></Response>");
    }

    @Test
    void apologisesAndHangsUp() {
        assertThat(Twiml.apologyAndHangup())
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Sorry")
                .endsWith("</Say><Hangup/></Response>");
    }
}
