package dev.callcoach.backend.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationTest {

    private static final int NOTIFY_LIMIT = 8000;

    @Test
    void aSmallMessageIsOnePayload() {
        Notification message = new Notification("a", 1, Notification.Kind.EVENT, "{\"type\":\"call.status\"}");

        List<String> payloads = message.payloads();

        assertThat(payloads).hasSize(1);
        assertThat(new Notification.Reassembly().add(Notification.Part.parse(payloads.getFirst()))).contains(message);
    }

    @Test
    void aLargeMessageIsCutIntoPartsUnderTheNotifyLimitAndPutBackTogether() {
        // Multi-byte characters across part boundaries must survive: split by bytes, joined before decoding.
        String body = "{\"text\":\"" + "Grüße, 你好 🙂 ".repeat(4000) + "\"}";
        Notification message = new Notification("a", 7, Notification.Kind.EVENT, body);

        List<String> payloads = message.payloads();

        assertThat(payloads.size()).isGreaterThan(5);
        assertThat(payloads).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThan(NOTIFY_LIMIT));
        Notification.Reassembly reassembly = new Notification.Reassembly();
        Optional<Notification> result = Optional.empty();
        for (String payload : payloads) {
            assertThat(result).isEmpty();
            result = reassembly.add(Notification.Part.parse(payload));
        }
        assertThat(result).contains(message);
    }

    @Test
    void partsOfDifferentSendersInterleaveButAMissingPartDropsOnlyItsMessage() {
        List<String> fromA = new Notification("a", 1, Notification.Kind.EVENT, "x".repeat(12_000)).payloads();
        List<String> fromB = new Notification("b", 1, Notification.Kind.EVENT, "y".repeat(12_000)).payloads();
        Notification.Reassembly reassembly = new Notification.Reassembly();

        reassembly.add(Notification.Part.parse(fromA.get(0)));
        reassembly.add(Notification.Part.parse(fromB.get(0)));
        reassembly.add(Notification.Part.parse(fromA.get(2))); // a's second part is lost
        reassembly.add(Notification.Part.parse(fromB.get(1)));

        assertThat(reassembly.add(Notification.Part.parse(fromB.get(2)))).isPresent();
        assertThat(reassembly.add(Notification.Part.parse(new Notification("a", 2, Notification.Kind.END_CALL, "id")
                .payloads().getFirst()))).isPresent();
    }

    @Test
    void foreignPayloadsAreRefused() {
        assertThatThrownBy(() -> Notification.Part.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notification.Part.parse("{\"o\":\"a\",\"s\":1,\"i\":3,\"n\":2,\"k\":\"EVENT\",\"d\":\"\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notification.Part.parse("{\"o\":\"a\",\"s\":1,\"i\":0,\"n\":1,\"k\":\"NOPE\",\"d\":\"\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
