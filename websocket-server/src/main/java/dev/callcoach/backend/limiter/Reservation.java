package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.CallSession;

/** The answer to a reservation: a new session holding the slot, or a refusal. */
public sealed interface Reservation {

    record Granted(CallSession session) implements Reservation {
    }

    record Refused(Refusal refusal) implements Reservation {
    }
}
