package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.InMemoryCallSessions;
import dev.callcoach.backend.call.StatusUpdate;
import dev.callcoach.backend.db.FallbackWriteBack;
import dev.callcoach.backend.phone.HashedNumber;
import dev.callcoach.backend.phone.PhoneHash;
import dev.callcoach.contracts.channel.CallStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The limiter for while Postgres is away, on this instance's memory: a mirror of every attempt any instance
 * made within the longest window (loaded from Postgres before the instance takes traffic, refreshed while
 * healthy, and fed every reservation this instance grants), judged by stricter rules than Postgres applies:
 * at most {@code fallback-max-calls-per-window} per number and at most {@code fallback-budget} grants per
 * {@code fallback-budget-period} from this instance. An instance that never loaded the mirror grants
 * nothing from memory: it would not know who was called.
 *
 * <p>The mirror only ever grows between prunes (a release made by another instance stays counted here), so
 * it can only count more than Postgres, never less. Attempts granted or released during the outage are
 * written back when Postgres returns.
 */
@ApplicationScoped
public class InMemoryLimiter implements FallbackWriteBack {

    private static final Comparator<Attempt> BY_TIME =
            Comparator.comparing(Attempt::createdAt).thenComparing(Attempt::sessionId);
    /** Retry-after for an instance that cannot limit from memory at all: Postgres is usually back sooner. */
    private static final Duration NOT_LOADED_RETRY_AFTER = Duration.ofMinutes(1);

    private final InMemoryCallSessions sessions;
    private final PostgresLimiter postgres;
    private final LimitRules rules;
    private final int budget;
    private final Duration budgetPeriod;
    private final Map<PhoneHash, List<Attempt>> byNumber = new HashMap<>();
    private final Map<UUID, Attempt> bySession = new HashMap<>();
    private final NavigableSet<Attempt> byTime = new TreeSet<>(BY_TIME);
    private final Map<UUID, Attempt> grantedInFallback = new HashMap<>();
    private final Set<UUID> releasedInFallback = new HashSet<>();
    /** When this instance granted from memory, oldest first, for the outage budget. */
    private final Deque<Instant> fallbackGrants = new ArrayDeque<>();
    private boolean loaded;

    InMemoryLimiter(InMemoryCallSessions sessions, PostgresLimiter postgres, LimiterConfig config) {
        this.sessions = sessions;
        this.postgres = postgres;
        this.rules = config.fallbackRules();
        this.budget = config.fallbackBudget();
        this.budgetPeriod = config.fallbackBudgetPeriod();
        if (budget < 0) {
            throw new IllegalArgumentException("callcoach.limiter.fallback-budget must not be negative, got " + budget);
        }
    }

    /** The rules this store judges by. */
    public LimitRules rules() {
        return rules;
    }

    /** Whether the mirror was loaded from Postgres at least once; until then the instance is not ready. */
    public synchronized boolean loaded() {
        return loaded;
    }

    /** The number's attempts newer than {@code since}, oldest first, each counted once whatever hash matched. */
    public synchronized List<Instant> attempts(HashedNumber number, Instant since) {
        Map<UUID, Instant> times = new HashMap<>();
        for (PhoneHash hash : number.all()) {
            for (Attempt attempt : byNumber.getOrDefault(hash, List.of())) {
                if (attempt.createdAt().isAfter(since)) {
                    times.put(attempt.sessionId(), attempt.createdAt());
                }
            }
        }
        List<Instant> sorted = new ArrayList<>(times.values());
        sorted.sort(null);
        return sorted;
    }

    public synchronized Reservation reserve(HashedNumber number, CallSession candidate) {
        Instant now = candidate.createdAt();
        if (!loaded) {
            return new Reservation.Refused(new Refusal(Refusal.Reason.OUTAGE, NOT_LOADED_RETRY_AFTER));
        }
        Optional<Refusal> refusal = rules.phoneRefusal(rules.allowance(attempts(number, rules.windowStart(now)), now), now)
                .or(() -> budgetRefusal(now))
                .or(() -> rules.globalRefusal(globalUsage(now), now));
        if (refusal.isPresent()) {
            return new Reservation.Refused(refusal.get());
        }
        Attempt attempt = add(Attempt.of(candidate.id(), number, now));
        grantedInFallback.put(attempt.sessionId(), attempt);
        fallbackGrants.add(now);
        sessions.insert(candidate);
        return new Reservation.Granted(candidate);
    }

    /** Records a reservation Postgres granted, so this instance remembers it through an outage. */
    public synchronized void mirror(CallSession granted, HashedNumber number) {
        add(Attempt.of(granted.id(), number, granted.createdAt()));
        sessions.mirror(granted);
    }

    /** Records a browser session Postgres granted: it counts in this instance's caps through an outage too. */
    public synchronized void mirrorWithoutNumber(CallSession granted) {
        add(Attempt.withoutNumber(granted.id(), granted.createdAt()));
        sessions.mirror(granted);
    }

    /**
     * Adds what Postgres holds (every instance's attempts and recent sessions) to the mirror and marks it
     * loaded. Adds only: what this instance learned meanwhile is kept.
     */
    public synchronized void load(Collection<Attempt> attempts, Collection<CallSession> recentSessions) {
        attempts.forEach(this::add);
        recentSessions.forEach(sessions::refresh);
        loaded = true;
    }

    /** Records a release Postgres applied. */
    public synchronized void mirrorRelease(StatusUpdate update) {
        update.session().ifPresent(session -> {
            remove(session.id());
            sessions.mirror(session);
        });
    }

    public synchronized StatusUpdate release(UUID sessionId, Instant now) {
        StatusUpdate update = sessions.transition(sessionId, CallStatus.RELEASED, now);
        if (update.outcome() == StatusUpdate.Outcome.APPLIED) {
            remove(sessionId);
            if (grantedInFallback.remove(sessionId) == null) {
                releasedInFallback.add(sessionId);
            }
        }
        return update;
    }

    /** Takes a call off its number's count (it failed on our side); written back like a release. */
    public synchronized boolean forgive(UUID sessionId) {
        boolean counted = bySession.containsKey(sessionId);
        remove(sessionId);
        if (counted && grantedInFallback.remove(sessionId) == null) {
            releasedInFallback.add(sessionId);
        }
        return counted;
    }

    /** Records a forgiveness Postgres applied. */
    public synchronized void mirrorForgive(UUID sessionId) {
        remove(sessionId);
    }

    /**
     * The in-memory side of {@link PostgresLimiter#expire}, for the sessions this instance knows: frees their
     * slots, but gives no attempt back. During an outage this instance's copy of a session may be stale (placed
     * meanwhile through another instance), and giving back the attempt of a call that happened would fail open;
     * an attempt kept too long only costs the number a call until it ages out.
     */
    public synchronized ExpiredPlacements expire(Instant before, Instant now) {
        List<CallSession> released = new ArrayList<>();
        List<CallSession> failed = new ArrayList<>();
        for (CallSession session : sessions.unplacedBefore(before)) {
            CallStatus end = session.status() == CallStatus.RESERVED ? CallStatus.RELEASED : CallStatus.FAILED;
            sessions.transition(session.id(), end, now).session()
                    .ifPresent(end == CallStatus.RELEASED ? released::add : failed::add);
        }
        return new ExpiredPlacements(released, failed, false);
    }

    /** Forgets attempts no rule counts any more, except those still to be written back. */
    public synchronized void prune(Instant before) {
        while (!byTime.isEmpty() && byTime.first().createdAt().isBefore(before)
                && !grantedInFallback.containsKey(byTime.first().sessionId())) {
            remove(byTime.first().sessionId());
        }
    }

    @Override
    public Uni<Runnable> writeBack(SqlConnection tx) {
        Map<UUID, Attempt> granted;
        Set<UUID> released;
        synchronized (this) {
            granted = Map.copyOf(grantedInFallback);
            released = Set.copyOf(releasedInFallback);
        }
        return postgres.merge(tx, granted.values(), released).replaceWith(() -> () -> forgetWritten(granted, released));
    }

    private synchronized void forgetWritten(Map<UUID, Attempt> granted, Set<UUID> released) {
        grantedInFallback.keySet().removeAll(granted.keySet());
        releasedInFallback.removeAll(released);
    }

    private Optional<Refusal> budgetRefusal(Instant now) {
        Instant periodStart = now.minus(budgetPeriod);
        while (!fallbackGrants.isEmpty() && !fallbackGrants.peekFirst().isAfter(periodStart)) {
            fallbackGrants.removeFirst();
        }
        if (fallbackGrants.size() < budget) {
            return Optional.empty();
        }
        Instant freedAt = budget == 0 ? now.plus(budgetPeriod) : fallbackGrants.peekFirst().plus(budgetPeriod);
        return Optional.of(new Refusal(Refusal.Reason.OUTAGE, Duration.between(now, freedAt)));
    }

    private GlobalUsage globalUsage(Instant now) {
        Instant dayStart = rules.dayStart(now);
        List<Attempt> inDay = new ArrayList<>(byTime.tailSet(new Attempt(new UUID(0, 0), null, null, dayStart), false));
        inDay.removeIf(attempt -> !attempt.createdAt().isAfter(dayStart));
        Instant freedBy = rules.dailyFreeingOffset(inDay.size()).map(offset -> inDay.get(offset).createdAt()).orElse(null);
        return new GlobalUsage(sessions.countOpen(rules.openSince(now)), inDay.size(), freedBy);
    }

    private Attempt add(Attempt attempt) {
        if (bySession.putIfAbsent(attempt.sessionId(), attempt) == null) {
            for (PhoneHash hash : attempt.hashes()) {
                byNumber.computeIfAbsent(hash, h -> new ArrayList<>()).add(attempt);
            }
            byTime.add(attempt);
            return attempt;
        }
        return bySession.get(attempt.sessionId());
    }

    private void remove(UUID sessionId) {
        Attempt attempt = bySession.remove(sessionId);
        if (attempt != null) {
            byTime.remove(attempt);
            for (PhoneHash hash : attempt.hashes()) {
                List<Attempt> ofNumber = byNumber.get(hash);
                ofNumber.remove(attempt);
                if (ofNumber.isEmpty()) {
                    byNumber.remove(hash);
                }
            }
        }
    }
}
