package dev.callcoach.backend.call;

import dev.callcoach.contracts.channel.CallStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which status may follow which. Twilio's callbacks arrive out of order and repeat, so a status only ever
 * moves forward ({@code queued → initiated → ringing → in-progress}), any terminal status may end a live
 * call, and nothing follows a terminal status. A repeat is not a change. {@code released} only ends a
 * reservation that was never placed.
 */
public final class StatusTransitions {

    private static final Set<CallStatus> LIVE = EnumSet.of(CallStatus.RESERVED, CallStatus.QUEUED,
            CallStatus.INITIATED, CallStatus.RINGING, CallStatus.IN_PROGRESS);

    private StatusTransitions() {
    }

    public static boolean allows(CallStatus from, CallStatus to) {
        return predecessors(to).contains(from);
    }

    /** Every status {@code to} may follow; what the SQL update's WHERE clause matches. */
    public static Set<CallStatus> predecessors(CallStatus to) {
        if (to == CallStatus.RELEASED) {
            // Only a reservation that was never placed can be given back.
            return EnumSet.of(CallStatus.RESERVED);
        }
        if (to.isTerminal()) {
            return EnumSet.copyOf(LIVE);
        }
        Set<CallStatus> earlier = EnumSet.noneOf(CallStatus.class);
        for (CallStatus status : LIVE) {
            if (status.ordinal() < to.ordinal()) {
                earlier.add(status);
            }
        }
        return earlier;
    }
}
