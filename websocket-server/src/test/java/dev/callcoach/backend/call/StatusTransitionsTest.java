package dev.callcoach.backend.call;

import static dev.callcoach.contracts.channel.CallStatus.BUSY;
import static dev.callcoach.contracts.channel.CallStatus.COMPLETED;
import static dev.callcoach.contracts.channel.CallStatus.INITIATED;
import static dev.callcoach.contracts.channel.CallStatus.IN_PROGRESS;
import static dev.callcoach.contracts.channel.CallStatus.QUEUED;
import static dev.callcoach.contracts.channel.CallStatus.RELEASED;
import static dev.callcoach.contracts.channel.CallStatus.RESERVED;
import static dev.callcoach.contracts.channel.CallStatus.RINGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.contracts.channel.CallStatus;
import org.junit.jupiter.api.Test;

class StatusTransitionsTest {

    @Test
    void statusesOnlyMoveForward() {
        assertThat(StatusTransitions.allows(RESERVED, QUEUED)).isTrue();
        assertThat(StatusTransitions.allows(QUEUED, RINGING)).isTrue();
        assertThat(StatusTransitions.allows(RESERVED, IN_PROGRESS)).isTrue();
        assertThat(StatusTransitions.allows(IN_PROGRESS, RINGING)).isFalse();
        assertThat(StatusTransitions.allows(RINGING, INITIATED)).isFalse();
    }

    @Test
    void aRepeatIsNotATransition() {
        for (CallStatus status : CallStatus.values()) {
            assertThat(StatusTransitions.allows(status, status)).as(status.name()).isFalse();
        }
    }

    @Test
    void anyLiveStatusMayEndAndNothingFollowsAnEnd() {
        assertThat(StatusTransitions.allows(RINGING, BUSY)).isTrue();
        assertThat(StatusTransitions.allows(IN_PROGRESS, COMPLETED)).isTrue();
        assertThat(StatusTransitions.allows(RESERVED, COMPLETED)).isTrue();
        for (CallStatus terminal : CallStatus.values()) {
            if (terminal.isTerminal()) {
                for (CallStatus next : CallStatus.values()) {
                    assertThat(StatusTransitions.allows(terminal, next)).as(terminal + "->" + next).isFalse();
                }
            }
        }
    }

    @Test
    void onlyAnUnplacedReservationCanBeReleased() {
        assertThat(StatusTransitions.predecessors(RELEASED)).containsExactly(RESERVED);
    }
}
