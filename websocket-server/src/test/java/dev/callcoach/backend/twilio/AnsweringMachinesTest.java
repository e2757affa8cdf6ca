package dev.callcoach.backend.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.contracts.channel.EndReason;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnsweringMachinesTest {

    private static final UUID SESSION = UUID.fromString("00000000-0000-0000-0000-000000000042");

    private final List<String> ended = new ArrayList<>();
    private final AnsweringMachines machines = new AnsweringMachines((id, reason) -> {
        ended.add(id + " " + reason);
        return Uni.createFrom().voidItem();
    });

    @Test
    void aMachineOrFaxEndsTheCallAPersonOrAnUnknownDoesNot() {
        for (String answeredBy : List.of("machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other", "fax")) {
            assertThat(apply(SESSION.toString(), answeredBy)).as(answeredBy).isTrue();
        }
        assertThat(apply(SESSION.toString(), "human")).isFalse();
        assertThat(apply(SESSION.toString(), "unknown")).isFalse();
        assertThat(ended).hasSize(5).allMatch(line -> line.equals(SESSION + " " + EndReason.VOICEMAIL));
    }

    @Test
    void badInputIsIgnoredNotFatal() {
        assertThat(apply("not-a-session", "machine_start")).isFalse();
        assertThat(apply(SESSION.toString(), "x".repeat(500))).isFalse();
        assertThat(ended).isEmpty();
    }

    @Test
    void anAmdResultIsToldApartFromAStatusCallback() {
        assertThat(AnsweringMachines.isAmdResult(Map.of("AnsweredBy", "human", "CallSid", "CA1"))).isTrue();
        assertThat(AnsweringMachines.isAmdResult(Map.of("AnsweredBy", "human", "CallStatus", "in-progress"))).isFalse();
        assertThat(AnsweringMachines.isAmdResult(Map.of("CallStatus", "completed"))).isFalse();
    }

    private boolean apply(String session, String answeredBy) {
        return machines.apply(session, Map.of("AnsweredBy", answeredBy, "CallSid", "CA1")).await().indefinitely();
    }
}
