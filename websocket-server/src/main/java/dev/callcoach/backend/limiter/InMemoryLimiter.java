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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * The same rules as {@link PostgresLimiter}, on this instance's memory, for while Postgres is away. It is
 * fed every reservation this instance grants while Postgres is up, so a number that just used its calls
 * does not get fresh ones when the database fails. Limits hold per instance: with several instances in
 * fallback at once, a number can get up to the limit from each.
 *
 * <p>Attempts granted or released during the outage are written back when Postgres returns.
 */
@ApplicationScoped
public class InMemoryLimiter implements FallbackWriteBack {

    private static final Comparator<Attempt> BY_TIME =
            Comparator.comparing(Attempt::createdAt).thenComparing(Attempt::sessionId);

    private final InMemoryCallSessions sessions;
    private final PostgresLimiter postgres;
    private final Map<PhoneHash, List<Attempt>> byNumber = new HashMap<>();
    private final Map<UUID, Attempt> bySession = new HashMap<>();
    private final NavigableSet<Attempt> byTime = new TreeSet<>(BY_TIME);
    private final Map<UUID, Attempt> grantedInFallback = new HashMap<>();
    private final Set<UUID> releasedInFallback = new HashSet<>();

    InMemoryLimiter(InMemoryCallSessions sessions, PostgresLimiter postgres) {
        this.sessions = sessions;
        this.postgres = postgres;
    }

    public synchronized List<Instant> attempts(HashedNumber number, Instant since) {
        List<Instant> times = new ArrayList<>();
        for (PhoneHash hash : number.all()) {
            byNumber.getOrDefault(hash, List.of()).stream()
                    .map(Attempt::createdAt)
                    .filter(createdAt -> createdAt.isAfter(since))
                    .forEach(times::add);
        }
        times.sort(null);
        return times;
    }

    public synchronized Reservation reserve(HashedNumber number, CallSession candidate, LimitRules rules) {
        Instant now = candidate.createdAt();
        Optional<Refusal> refusal = rules.phoneRefusal(rules.allowance(attempts(number, rules.windowStart(now)), now), now)
                .or(() -> rules.globalRefusal(globalUsage(rules, now), now));
        if (refusal.isPresent()) {
            return new Reservation.Refused(refusal.get());
        }
        Attempt attempt = add(candidate);
        grantedInFallback.put(attempt.sessionId(), attempt);
        sessions.insert(candidate);
        return new Reservation.Granted(candidate);
    }

    /** Records a reservation Postgres granted, so this instance remembers it through an outage. */
    public synchronized void mirror(CallSession granted) {
        add(granted);
        sessions.mirror(granted);
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

    private GlobalUsage globalUsage(LimitRules rules, Instant now) {
        Instant dayStart = rules.dayStart(now);
        List<Attempt> inDay = new ArrayList<>(byTime.tailSet(new Attempt(new UUID(0, 0), null, dayStart), false));
        inDay.removeIf(attempt -> !attempt.createdAt().isAfter(dayStart));
        Instant freedBy = rules.dailyFreeingOffset(inDay.size()).map(offset -> inDay.get(offset).createdAt()).orElse(null);
        return new GlobalUsage(sessions.countOpen(rules.openSince(now)), inDay.size(), freedBy);
    }

    private Attempt add(CallSession session) {
        Attempt attempt = new Attempt(session.id(), session.phoneHash(), session.createdAt());
        if (bySession.putIfAbsent(attempt.sessionId(), attempt) == null) {
            byNumber.computeIfAbsent(attempt.phoneHash(), hash -> new ArrayList<>()).add(attempt);
            byTime.add(attempt);
        }
        return attempt;
    }

    private void remove(UUID sessionId) {
        Attempt attempt = bySession.remove(sessionId);
        if (attempt != null) {
            byTime.remove(attempt);
            List<Attempt> ofNumber = byNumber.get(attempt.phoneHash());
            ofNumber.remove(attempt);
            if (ofNumber.isEmpty()) {
                byNumber.remove(attempt.phoneHash());
            }
        }
    }
}
