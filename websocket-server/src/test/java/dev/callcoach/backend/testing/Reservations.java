package dev.callcoach.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.limiter.Refusal;
import dev.callcoach.backend.limiter.Reservation;
import java.util.Map;

/** Reserving in tests: one fixed scenario, and the result unwrapped with a clear failure if it is the other kind. */
public final class Reservations {

    private Reservations() {
    }

    /** Reserves a job-interview call for the number and waits for the answer. */
    public static Reservation reserve(PhoneLimiter limiter, String number) {
        return limiter.reserve(number, "job-interview", Map.of("role", "barista"), "alloy").await().indefinitely();
    }

    /** A complete form for the shipped job-interview scenario, so the bridge can render its instructions. */
    public static final Map<String, String> INTERVIEW = Map.of("role", "Junior backend developer", "difficulty", "tough");

    /** Reserves a call the bridge can run (shipped scenario, valid form) for a fresh number; expects the grant. */
    public static CallSession callable(PhoneLimiter limiter) {
        return granted(limiter.reserve(TestNumbers.fresh(), "job-interview", INTERVIEW, "marin").await().indefinitely());
    }

    /** Reserves and expects the grant. */
    public static CallSession grant(PhoneLimiter limiter, String number) {
        return granted(reserve(limiter, number));
    }

    public static CallSession granted(Reservation reservation) {
        assertThat(reservation).isInstanceOf(Reservation.Granted.class);
        return ((Reservation.Granted) reservation).session();
    }

    public static Refusal refusal(Reservation reservation) {
        assertThat(reservation).isInstanceOf(Reservation.Refused.class);
        return ((Reservation.Refused) reservation).refusal();
    }
}
