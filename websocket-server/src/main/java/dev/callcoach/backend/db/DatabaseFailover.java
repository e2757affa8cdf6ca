package dev.callcoach.backend.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;

/**
 * Runs each database operation with a timeout and decides what a failure means:
 * <ul>
 *   <li>Postgres unreachable (connection refused or lost, server shutting down): switch this instance to
 *       fallback and run the in-memory alternative; a probe every
 *       {@code callcoach.database.fallback-probe-interval} switches back once Postgres answers and every
 *       {@link FallbackWriteBack} has handed over what happened meanwhile.</li>
 *   <li>Postgres busy (more than {@code max-in-flight} operations already waiting, or a pool wait or lock
 *       wait past the timeouts): fail with {@link DatabaseBusyException},
 *       so the client hears "try again in a moment". Busy is never fallback: under a flood that would hand
 *       out calls from memory. When our own wait ran out, a fresh connection checks whether Postgres is
 *       reachable at all; only if not does the instance switch.</li>
 *   <li>Anything else (a broken statement): passes through.</li>
 * </ul>
 * {@link #transaction} also guarantees that nothing commits after the client got its answer: Postgres aborts
 * lock waits and statements past {@code lock_timeout}/{@code statement_timeout} (set per transaction,
 * shorter than the query timeout), and a transaction whose client was already answered is rolled back
 * instead of committed. Once COMMIT was sent, its outcome is the answer, however late.
 *
 * <p>Requests never wait for the probe: in fallback they go straight to memory.
 */
@ApplicationScoped
public class DatabaseFailover {

    /** Where limiting and sessions are served from right now. */
    public enum Mode {
        POSTGRES, FALLBACK;

        /** Lower-case name for health data and metric tags. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Logger LOG = Logger.getLogger(DatabaseFailover.class);

    private final Pool pool;
    private final DatabaseConfig config;
    private final Iterable<? extends FallbackWriteBack> writeBacks;
    private final DatabaseReachability reachability;
    private final MeterRegistry registry;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.POSTGRES);
    private final AtomicBoolean checkingReachability = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    @Inject
    DatabaseFailover(Pool pool, DatabaseConfig config, Instance<FallbackWriteBack> writeBacks,
                     DatabaseReachability reachability, MeterRegistry registry) {
        this(pool, config, (Iterable<FallbackWriteBack>) writeBacks, reachability, registry);
    }

    /** For an instance assembled without CDI (tests running several "instances" in one JVM). */
    public DatabaseFailover(Pool pool, DatabaseConfig config, Iterable<? extends FallbackWriteBack> writeBacks,
                            DatabaseReachability reachability, MeterRegistry registry) {
        config.validate();
        this.pool = pool;
        this.config = config;
        this.writeBacks = writeBacks;
        this.reachability = reachability;
        this.registry = registry;
        registry.gauge("callcoach.limiter.fallback.active", mode, m -> m.get() == Mode.FALLBACK ? 1 : 0);
    }

    public Mode mode() {
        return mode.get();
    }

    /**
     * Runs {@code database} unless in fallback, waiting at most the query timeout. If Postgres is unreachable,
     * switches to fallback and runs {@code fallback} instead; if it is busy, fails with
     * {@link DatabaseBusyException}. Other failures (a broken statement) pass through unchanged. For reads and
     * single statements; anything that must not commit late goes through {@link #transaction}.
     *
     * @param operation short name for logs and the {@code callcoach.db.query} timer
     */
    public <T> Uni<T> call(String operation, Supplier<Uni<T>> database, Supplier<Uni<T>> fallback) {
        return run(operation, () -> database.get().ifNoItem().after(config.queryTimeout()).fail(), fallback);
    }

    /**
     * Like {@link #call}, for a transaction: {@code work} runs on one connection inside BEGIN/COMMIT with
     * {@code lock_timeout} and {@code statement_timeout} set, and is committed only if its client has not been
     * answered yet.
     */
    public <T> Uni<T> transaction(String operation, Function<SqlConnection, Uni<T>> work, Supplier<Uni<T>> fallback) {
        return run(operation, () -> guarded(operation, work), fallback);
    }

    /** For work that only makes sense against Postgres (cleanup, fan-out): whether to try it at all. */
    public boolean usingDatabase() {
        return mode.get() == Mode.POSTGRES;
    }

    /** Reports a failure seen outside {@link #call}; switches to fallback if it means Postgres is away. */
    public void report(String operation, Throwable failure) {
        if (DatabaseFailures.isUnavailable(failure)) {
            enterFallback(operation, failure);
        }
    }

    private <T> Uni<T> run(String operation, Supplier<Uni<T>> database, Supplier<Uni<T>> fallback) {
        if (mode.get() == Mode.FALLBACK) {
            return Uni.createFrom().deferred(fallback::get);
        }
        return Uni.createFrom().deferred(() -> {
            if (inFlight.incrementAndGet() > config.maxInFlight()) {
                inFlight.decrementAndGet();
                return Uni.createFrom().failure(shed(operation));
            }
            long start = System.nanoTime();
            return database.get()
                    .onTermination().invoke(inFlight::decrementAndGet)
                    .onItemOrFailure().invoke((item, failure) -> timer(operation, failure)
                            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                    .onFailure(DatabaseFailures::isUnavailable).recoverWithUni(failure -> {
                        enterFallback(operation, failure);
                        return Uni.createFrom().deferred(fallback::get);
                    })
                    .onFailure(DatabaseFailures::isBusy).transform(failure -> busy(operation, failure));
        });
    }

    private <T> Uni<T> guarded(String operation, Function<SqlConnection, Uni<T>> work) {
        Guard guard = new Guard();
        CompletableFuture<T> outcome = new CompletableFuture<>();
        // Subscribed here, not by the caller: a caller that stops waiting must not cancel a COMMIT in flight.
        pool.withConnection(connection -> guard.start()
                        ? inTransaction(connection, guard, operation, work)
                        : Uni.createFrom().<T>failure(new DatabaseBusyException(operation, null)))
                .subscribe().with(outcome::complete, outcome::completeExceptionally);
        Uni<T> awaited = Uni.createFrom().emitter(emitter -> outcome.whenComplete((item, failure) -> {
            if (failure != null) {
                emitter.fail(failure);
            } else {
                emitter.complete(item);
            }
        }));
        return awaited.ifNoItem().after(config.queryTimeout()).recoverWithUni(() -> {
            if (guard.abandon()) {
                return Uni.createFrom().failure(new DatabaseBusyException(operation, null));
            }
            // COMMIT is on its way: its outcome is the answer. If even that does not come, the connection is dead.
            return awaited.ifNoItem().after(config.queryTimeout())
                    .failWith(() -> new TimeoutException("no answer to COMMIT during " + operation));
        });
    }

    private <T> Uni<T> inTransaction(SqlConnection connection, Guard guard, String operation,
                                     Function<SqlConnection, Uni<T>> work) {
        return connection.begin().chain(tx -> Uni.combine().all().unis(timeouts(connection), work.apply(connection))
                .asTuple().map(Tuple2::getItem2)
                .onFailure().call(failure -> tx.rollback().onFailure().recoverWithNull())
                .chain(result -> guard.commit()
                        ? tx.commit().replaceWith(result)
                        : tx.rollback().onFailure().recoverWithNull()
                                .chain(() -> Uni.createFrom().failure(new DatabaseBusyException(operation, null)))));
    }

    /** Sent pipelined ahead of the work: one connection runs its statements in the order sent. */
    private Uni<Void> timeouts(SqlConnection connection) {
        return connection.preparedQuery("SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)")
                .execute(Tuple.of(String.valueOf(config.lockTimeout().toMillis()),
                        String.valueOf(config.statementTimeout().toMillis())))
                .replaceWithVoid();
    }

    private DatabaseBusyException shed(String operation) {
        Counter.builder("callcoach.db.shed")
                .description("Database operations answered busy at once because too many were waiting already")
                .tag("operation", operation)
                .register(registry).increment();
        return new DatabaseBusyException(operation, null);
    }

    private DatabaseBusyException busy(String operation, Throwable failure) {
        Counter.builder("callcoach.db.busy")
                .description("Database operations answered busy (pool, lock or statement wait past its timeout)")
                .tag("operation", operation)
                .register(registry).increment();
        if (!answeredByServer(failure)) {
            checkReachability(operation);
        }
        LOG.debugf("event=database_busy operation=%s cause=\"%s\"", operation, describe(failure));
        return failure instanceof DatabaseBusyException busy ? busy : new DatabaseBusyException(operation, failure);
    }

    /**
     * Our own wait ran out: is Postgres there at all? One check at a time, on a connection outside the pool.
     * Only a failure that says "unreachable" (refused, reset, connect timeout, server shutting down) switches;
     * a ping that merely takes long says the database, or this instance, is overloaded, which is "busy".
     */
    private void checkReachability(String operation) {
        if (mode.get() == Mode.FALLBACK || !checkingReachability.compareAndSet(false, true)) {
            return;
        }
        reachability.ping()
                .ifNoItem().after(config.queryTimeout().multipliedBy(3))
                .failWith(() -> new DatabaseBusyException("reachability check", null))
                .subscribe().with(
                        reachable -> checkingReachability.set(false),
                        failure -> {
                            checkingReachability.set(false);
                            if (DatabaseFailures.isUnavailable(failure)) {
                                enterFallback(operation, failure);
                            } else {
                                LOG.debugf("event=reachability_check_inconclusive cause=\"%s\"", describe(failure));
                            }
                        });
    }

    private void enterFallback(String operation, Throwable failure) {
        if (mode.compareAndSet(Mode.POSTGRES, Mode.FALLBACK)) {
            LOG.warnf("event=database_unavailable mode=fallback operation=%s cause=\"%s\"", operation, describe(failure));
        }
    }

    /**
     * In fallback, switches back once Postgres answers and everything done in memory was written back.
     * Scheduled; public so an instance assembled without CDI can be driven by hand.
     */
    @Scheduled(every = "${callcoach.database.fallback-probe-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "database-fallback-probe")
    public Uni<Void> probe() {
        if (mode.get() == Mode.POSTGRES) {
            return Uni.createFrom().voidItem();
        }
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(config.queryTimeout()).fail()
                .chain(this::writeBack)
                .invoke(() -> {
                    if (mode.compareAndSet(Mode.FALLBACK, Mode.POSTGRES)) {
                        LOG.info("event=database_available mode=postgres");
                    }
                })
                // Requests that were already running in memory when the mode flipped finish there; hand
                // those over too. Idempotent, so writing something twice is harmless.
                .chain(this::writeBack)
                .onFailure().recoverWithUni(failure -> {
                    LOG.debugf("event=database_probe_failed cause=\"%s\"", describe(failure));
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> writeBack() {
        List<FallbackWriteBack> stores = StreamSupport.stream(writeBacks.spliterator(), false)
                .map(FallbackWriteBack.class::cast).toList();
        return pool.withTransaction(tx -> Multi.createFrom().iterable(stores)
                        .onItem().transformToUniAndConcatenate(store -> store.writeBack(tx))
                        .collect().asList())
                .invoke(afterCommit -> afterCommit.forEach(Runnable::run))
                .replaceWithVoid();
    }

    private Timer timer(String operation, Throwable failure) {
        return Timer.builder("callcoach.db.query")
                .description("Latency of limiter and session database operations")
                .tag("operation", operation)
                .tag("outcome", failure == null ? "success" : "failure")
                .publishPercentileHistogram()
                .register(registry);
    }

    private static boolean answeredByServer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /**
     * One transaction's race between its work and its client's patience: whichever moves first wins. Abandoned
     * before COMMIT means rollback; COMMIT sent means the client waits for it.
     */
    private static final class Guard {

        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int COMMITTING = 2;
        private static final int ABANDONED = 3;

        private final AtomicInteger state = new AtomicInteger(WAITING);

        boolean start() {
            return state.compareAndSet(WAITING, RUNNING);
        }

        boolean commit() {
            return state.compareAndSet(RUNNING, COMMITTING);
        }

        boolean abandon() {
            return state.compareAndSet(WAITING, ABANDONED) || state.compareAndSet(RUNNING, ABANDONED);
        }
    }
}
