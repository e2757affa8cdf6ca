package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.media.TwilioFrame.Malformed;
import dev.callcoach.backend.media.TwilioFrame.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaStreamMessagesTest {

    @Test
    void parsesTheDocumentedMessages() {
        assertThat(MediaStreamMessages.parse("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}"))
                .isEqualTo(new TwilioFrame.Connected());
        assertThat(MediaStreamMessages.parse("""
                {"event":"start","sequenceNumber":"1","start":{"accountSid":"AC1","streamSid":"MZ1","callSid":"CA1",
                 "tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},
                 "customParameters":{"sessionId":"abc"}},"streamSid":"MZ1"}"""))
                .isEqualTo(new TwilioFrame.Start("MZ1", "CA1", Map.of("sessionId", "abc")));
        assertThat(MediaStreamMessages.parse("""
                {"event":"media","sequenceNumber":"4","media":{"track":"inbound","chunk":"2","timestamp":"5",
                 "payload":"no+JhoaJjpzS"},"streamSid":"MZ1"}"""))
                .isEqualTo(new TwilioFrame.Media(5, "no+JhoaJjpzS"));
        assertThat(MediaStreamMessages.parse("{\"event\":\"mark\",\"sequenceNumber\":\"4\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"m1\"}}"))
                .isEqualTo(new TwilioFrame.Mark("m1"));
        assertThat(MediaStreamMessages.parse("{\"event\":\"dtmf\",\"streamSid\":\"MZ1\",\"sequenceNumber\":\"5\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"1\"}}"))
                .isEqualTo(new TwilioFrame.Dtmf("1"));
        assertThat(MediaStreamMessages.parse("{\"event\":\"stop\",\"sequenceNumber\":\"5\",\"stop\":{},\"streamSid\":\"MZ1\"}"))
                .isEqualTo(new TwilioFrame.Stop());
    }

    @Test
    void badFramesSayWhatIsWrong() {
        assertThat(problem("{nope")).isEqualTo(Problem.NOT_JSON);
        assertThat(problem("42")).isEqualTo(Problem.NOT_JSON);
        assertThat(problem("{\"event\":\"teleport\"}")).isEqualTo(Problem.UNKNOWN_EVENT);
        assertThat(problem("{\"event\":\"media\",\"media\":{\"timestamp\":\"5\",\"payload\":\"not base64!\"}}")).isEqualTo(Problem.BAD_BASE64);
        assertThat(problem("{\"event\":\"media\",\"media\":{\"timestamp\":\"x\",\"payload\":\"AAAA\"}}")).isEqualTo(Problem.MISSING_FIELD);
        assertThat(problem("{\"event\":\"media\",\"media\":{\"timestamp\":\"5\"}}")).isEqualTo(Problem.MISSING_FIELD);
        assertThat(problem("{\"event\":\"start\",\"start\":{}}")).isEqualTo(Problem.MISSING_FIELD);
        assertThat(problem("{\"event\":\"mark\",\"mark\":{\"name\":3}}")).isEqualTo(Problem.MISSING_FIELD);
        assertThat(problem("{\"event\":\"mark\",\"mark\":\"m1\"}")).isEqualTo(Problem.MISSING_FIELD);
        assertThat(problem("{\"event\":\"media\",\"media\":{\"timestamp\":{\"ms\":5},\"payload\":\"AAAA\"}}")).isEqualTo(Problem.MISSING_FIELD);
        assertThat(problem("{\"event\":7,\"media\":{\"timestamp\":\"5\",\"payload\":\"AAAA\"}}")).isEqualTo(Problem.NOT_JSON);
        assertThat(problem("{\"event\":\"media\",\"media\":{\"timestamp\":\"5\",\"payload\":\"AAAA\"")).isEqualTo(Problem.NOT_JSON);
        assertThat(problem("{\"event\":\"media\",\"x\":\"" + "A".repeat(1024 * 1024) + "\"}")).isEqualTo(Problem.OVERSIZED);
    }

    @Test
    void buildsOutboundMessages() {
        assertThat(MediaStreamMessages.media("MZ1", "//8=")).isEqualTo("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"//8=\"}}");
        assertThat(MediaStreamMessages.mark("MZ1", "m1")).isEqualTo("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"m1\"}}");
        assertThat(MediaStreamMessages.clear("MZ1")).isEqualTo("{\"event\":\"clear\",\"streamSid\":\"MZ1\"}");
    }

    @Test
    void base64IsCheckedWithoutDecoding() {
        assertThat(MediaStreamMessages.isBase64("")).isTrue();
        assertThat(MediaStreamMessages.isBase64("AAAA")).isTrue();
        assertThat(MediaStreamMessages.isBase64("//8=")).isTrue();
        assertThat(MediaStreamMessages.isBase64("/w==")).isTrue();
        assertThat(MediaStreamMessages.isBase64("AAA")).isFalse();
        assertThat(MediaStreamMessages.isBase64("AA\"A")).isFalse();
        assertThat(MediaStreamMessages.isBase64("A===")).isFalse();
        assertThat(MediaStreamMessages.decodedLength("//8=")).isEqualTo(2);
        assertThat(MediaStreamMessages.decodedLength("/w==")).isEqualTo(1);
        assertThat(MediaStreamMessages.decodedLength("AAAA")).isEqualTo(3);
    }

    private static Problem problem(String frame) {
        return ((Malformed) MediaStreamMessages.parse(frame)).problem();
    }
}
