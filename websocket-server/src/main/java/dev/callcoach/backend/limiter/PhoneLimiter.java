package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.StatusUpdate;
import dev.callcoach.backend.db.DatabaseBusyException;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.db.SqlValues;
import dev.callcoach.backend.phone.HashedNumber;
import dev.callcoach.backend.phone.PhoneHasher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The phone limiter: how many calls a number has left, reserving a call slot, giving it back. Served by
 * Postgres, or by this instance's memory under stricter rules while Postgres is away (see
 * {@link DatabaseFailover}); a busy Postgres gets "try again in a moment", never memory. Nothing goes
 * unlimited.
 */
@ApplicationScoped
public class PhoneLimiter {

    private static final Logger LOG = Logger.getLogger(PhoneLimiter.class);
    /** Retry-after for a browser session refused during an outage: Postgres is usually back within a minute. */
    private static final Duration BROWSER_OUTAGE_RETRY_AFTER = Duration.ofMinutes(1);

    private final PhoneHasher hasher;
    private final LimitRules rules;
    private final Duration busyRetryAfter;
    private final DatabaseFailover failover;
    private final PostgresLimiter postgres;
    private final InMemoryLimiter memory;
    private final Clock clock;
    private final MeterRegistry registry;

    PhoneLimiter(PhoneHasher hasher, LimiterConfig config, DatabaseFailover failover, PostgresLimiter postgres,
                 InMemoryLimiter memory, Clock clock, MeterRegistry registry) {
        this.hasher = hasher;
        this.rules = config.rules();
        this.busyRetryAfter = config.busyRetryAfter();
        this.failover = failover;
        this.postgres = postgres;
        this.memory = memory;
        this.clock = clock;
        this.registry = registry;
    }

    public LimitRules rules() {
        return rules;
    }

    /**
     * Calls the number has left in the rolling window and when the next one is allowed; during an outage by
     * the fallback's stricter rules.
     *
     * @param e164 the number in E.164 form
     * @throws IllegalArgumentException if {@code e164} is not in E.164 form
     * @see DatabaseBusyException the failure when Postgres is busy
     */
    public Uni<PhoneAllowance> check(String e164) {
        HashedNumber number = hasher.hash(e164);
        Instant now = SqlValues.now(clock);
        LimitRules fallback = memory.rules();
        return failover.call("limit_check",
                () -> postgres.attempts(number, rules.windowStart(now)).map(attempts -> rules.allowance(attempts, now)),
                () -> Uni.createFrom().item(fallback.allowance(memory.attempts(number, fallback.windowStart(now)), now)));
    }

    /**
     * Grants a call slot and creates its session in status {@code reserved}, or refuses with the reason and
     * when to retry. Exact under any concurrency on one database; {@link Refusal.Reason#BUSY} when the
     * database did not decide in time (nothing was reserved). The scenario config must already be validated.
     *
     * @throws IllegalArgumentException if {@code e164} is not in E.164 form
     */
    public Uni<Reservation> reserve(String e164, String scenarioId, Map<String, String> scenarioConfig, String voice) {
        HashedNumber number = hasher.hash(e164);
        CallSession candidate = CallSession.reserved(UUID.randomUUID(), number.current(), scenarioId, scenarioConfig,
                voice, SqlValues.now(clock));
        return failover.transaction("reserve",
                        tx -> postgres.reserve(tx, number, candidate, rules),
                        () -> Uni.createFrom().item(memory.reserve(number, candidate)))
                .onFailure(DatabaseBusyException.class)
                .recoverWithItem(() -> new Reservation.Refused(new Refusal(Refusal.Reason.BUSY, busyRetryAfter)))
                // Granted by either store; mirroring a fallback grant again changes nothing.
                .invoke(reservation -> mirror(reservation, number))
                .invoke(reservation -> record(reservation, number.current().toString()));
    }

    /**
     * Grants a browser session a slot under the global caps (it has no number, so no per-number limit) and
     * creates its session in status {@code reserved}; {@code alongside} runs in the reservation's transaction
     * (the media token is stored with it). Postgres only: the browser's single-use media token must hold
     * across instances, so during an outage browser sessions are refused with {@link Refusal.Reason#OUTAGE}.
     */
    public Uni<Reservation> reserveWithoutNumber(String scenarioId, Map<String, String> scenarioConfig, String voice,
                                                 BiFunction<SqlClient, CallSession, Uni<Void>> alongside) {
        CallSession candidate = CallSession.reserved(UUID.randomUUID(), null, scenarioId, scenarioConfig, voice,
                SqlValues.now(clock));
        return failover.transaction("reserve_browser",
                        tx -> postgres.reserveWithoutNumber(tx, candidate, rules, granted -> alongside.apply(tx, granted)),
                        () -> Uni.createFrom().<Reservation>item(new Reservation.Refused(
                                new Refusal(Refusal.Reason.OUTAGE, BROWSER_OUTAGE_RETRY_AFTER))))
                .onFailure(DatabaseBusyException.class)
                .recoverWithItem(() -> new Reservation.Refused(new Refusal(Refusal.Reason.BUSY, busyRetryAfter)))
                .invoke(reservation -> {
                    if (reservation instanceof Reservation.Granted granted) {
                        memory.mirrorWithoutNumber(granted.session());
                    }
                    record(reservation, "browser");
                });
    }

    /**
     * Gives the slot of a reservation that was never placed back; only a {@code reserved} session can be released.
     *
     * @see DatabaseBusyException the failure when Postgres is busy (nothing was released)
     */
    public Uni<StatusUpdate> release(UUID sessionId) {
        Instant now = SqlValues.now(clock);
        return failover.transaction("release",
                        tx -> postgres.release(tx, sessionId, now),
                        () -> Uni.createFrom().item(memory.release(sessionId, now)))
                // After the commit, never before: memory must not forget an attempt a rollback kept.
                .invoke(memory::mirrorRelease);
    }

    /**
     * Takes a call that failed on our side, before the caller heard the AI, off the number's count: the
     * person did nothing wrong and may try again at once. Unlike {@link #release} this works on a placed
     * call; its session keeps the status Twilio reports.
     *
     * @return whether the call was still counted
     */
    public Uni<Boolean> forgive(UUID sessionId) {
        return failover.call("forgive",
                () -> postgres.forgive(sessionId).invoke(() -> memory.mirrorForgive(sessionId)),
                () -> Uni.createFrom().item(memory.forgive(sessionId)))
                .invoke(forgiven -> LOG.infof("event=call_forgiven session=%s counted=%s", sessionId, forgiven));
    }

    private void mirror(Reservation reservation, HashedNumber number) {
        if (reservation instanceof Reservation.Granted granted) {
            memory.mirror(granted.session(), number);
        }
    }

    /** @param caller what the log says for whom: the number's hash, or "browser" */
    private void record(Reservation reservation, String caller) {
        String mode = failover.mode().label();
        switch (reservation) {
            case Reservation.Granted granted -> {
                counter("granted", "none", mode).increment();
                LOG.infof("event=call_reserved session=%s phone=%s mode=%s", granted.session().id(), caller, mode);
            }
            case Reservation.Refused refused -> {
                String reason = refused.refusal().reason().name().toLowerCase(Locale.ROOT);
                counter("refused", reason, mode).increment();
                // "Busy" comes in floods; the metric counts them, a log line each would only add to the load.
                if (refused.refusal().reason() == Refusal.Reason.BUSY) {
                    return;
                }
                LOG.infof("event=call_refused reason=%s retry_after_s=%d phone=%s mode=%s", reason,
                        refused.refusal().retryAfterSeconds(), caller, mode);
            }
        }
    }

    private Counter counter(String outcome, String reason, String mode) {
        return Counter.builder("callcoach.reservations")
                .description("Call reservations by outcome, refusal reason and the store that decided")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .tag("mode", mode)
                .register(registry);
    }
}
