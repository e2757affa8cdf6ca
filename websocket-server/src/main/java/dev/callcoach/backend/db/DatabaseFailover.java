package dev.callcoach.backend.db;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs each database operation with a timeout and, when Postgres is unreachable, runs the in-memory
 * alternative instead and stays in fallback mode. A probe every
 * {@code callcoach.database.fallback-probe-interval} switches back once Postgres answers and every
 * {@link FallbackWriteBack} has handed over what happened meanwhile.
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
    private final Instance<FallbackWriteBack> writeBacks;
    private final MeterRegistry registry;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.POSTGRES);

    DatabaseFailover(Pool pool, DatabaseConfig config, Instance<FallbackWriteBack> writeBacks, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.writeBacks = writeBacks;
        this.registry = registry;
        registry.gauge("callcoach.limiter.fallback.active", mode, m -> m.get() == Mode.FALLBACK ? 1 : 0);
    }

    public Mode mode() {
        return mode.get();
    }

    /**
     * Runs {@code database} unless in fallback; if it fails because Postgres is unreachable or slower than
     * the query timeout, switches to fallback and runs {@code fallback} instead. Other failures (a broken
     * statement) pass through unchanged.
     *
     * @param operation short name for logs and the {@code callcoach.db.query} timer
     */
    public <T> Uni<T> call(String operation, Supplier<Uni<T>> database, Supplier<Uni<T>> fallback) {
        if (mode.get() == Mode.FALLBACK) {
            return Uni.createFrom().deferred(fallback::get);
        }
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return database.get()
                    .ifNoItem().after(config.queryTimeout()).fail()
                    .onItemOrFailure().invoke((item, failure) -> timer(operation, failure)
                            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                    .onFailure(DatabaseFailures::isUnavailable).recoverWithUni(failure -> {
                        enterFallback(operation, failure);
                        return Uni.createFrom().deferred(fallback::get);
                    });
        });
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

    private void enterFallback(String operation, Throwable failure) {
        if (mode.compareAndSet(Mode.POSTGRES, Mode.FALLBACK)) {
            LOG.warnf("event=database_unavailable mode=fallback operation=%s cause=\"%s\"", operation, describe(failure));
        }
    }

    @Scheduled(every = "${callcoach.database.fallback-probe-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "database-fallback-probe")
    Uni<Void> probe() {
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
        List<FallbackWriteBack> stores = writeBacks.stream().toList();
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

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
