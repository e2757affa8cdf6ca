package dev.callcoach.webapp.limit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.callcoach.contracts.database.DatabaseUrl;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allowances in PostgreSQL, through Bucket4j's PostgreSQL integration (a row per client, read and written
 * under {@code SELECT ... FOR UPDATE}), so every webapp instance counts against the same allowance. The
 * table is created here at startup, under an advisory lock so instances starting together do not race; a
 * row expires once its allowance has refilled and is deleted a batch at a time after each placement.
 *
 * <p>Only a database that cannot be reached (a connection failure) is an outage. One that is slow, holds a
 * lock or reports a deadlock is there: the placement is refused as busy, since counting it in memory would
 * grant placements the shared count never learns of.
 *
 * <p>While the database cannot be reached, each instance counts in its own memory ({@link MemoryIpBuckets}):
 * the limit gets looser by the number of instances for that time, it never goes away. That memory also counts
 * what PostgreSQL granted through this instance, so an outage does not hand a client that spent its allowance
 * a fresh one: with one instance the limit holds exactly, with N a client gets at most N allowances a window.
 */
final class PostgresIpBuckets implements IpBuckets, AutoCloseable {

    static final String TABLE = "webapp_ip_allowance";

    private static final Logger log = LoggerFactory.getLogger(PostgresIpBuckets.class);
    private static final int CLEANUP_BATCH = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HikariDataSource dataSource;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;
    private final BucketConfiguration configuration;
    private final MemoryIpBuckets duringOutage;
    private final Counter outageConsumptions;
    private final AtomicBoolean tableReady = new AtomicBoolean();
    private final AtomicBoolean inOutage = new AtomicBoolean();
    /** Logged once per spell: a flood against a busy database must not become a flood of log lines. */
    private final AtomicBoolean busySpell = new AtomicBoolean();

    /** Over a pool of its own on {@code DATABASE_URL}. */
    static PostgresIpBuckets connect(IpLimitProperties properties, MeterRegistry meters) {
        DatabaseUrl url = DatabaseUrl.parse(properties.databaseUrl());
        HikariConfig config = new HikariConfig();
        config.setPoolName("ip-limit");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.username());
        config.setPassword(url.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(TIMEOUT.toMillis());
        // Start without the database: the limit counts in memory until it is back.
        config.setInitializationFailTimeout(-1);
        return new PostgresIpBuckets(new HikariDataSource(config), properties, meters);
    }

    private PostgresIpBuckets(HikariDataSource dataSource, IpLimitProperties properties, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.configuration = BucketConfiguration.builder().addLimit(properties.allowance()).build();
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .requestTimeout(TIMEOUT)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
        this.duringOutage = new MemoryIpBuckets(properties, TimeMeter.SYSTEM_MILLISECONDS);
        this.outageConsumptions = Counter.builder("callcoach.ip_limit.database_unavailable")
                .description("IP-limit placements counted in this instance's memory because PostgreSQL was unreachable")
                .register(meters);
        try {
            ensureTable();
        } catch (SQLException | RuntimeException e) {
            log.warn("event=ip_limit_table_not_ready error=\"{}\" effect=\"counting in memory until the database answers\"",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public Optional<ConsumptionProbe> tryConsume(String key) {
        ConsumptionProbe probe;
        try {
            ensureTable();
            probe = proxies.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
        } catch (SQLException | RuntimeException e) {
            if (!unreachable(e)) {
                // Slow, locked or deadlocked, but there: counting in memory now would hand out placements the
                // shared count never sees. Refused as busy, like a full table.
                if (busySpell.compareAndSet(false, true)) {
                    log.warn("event=ip_limit_database_busy error=\"{}\" effect=\"placements refused as busy until it answers\"",
                            describe(e));
                }
                return Optional.empty();
            }
            if (inOutage.compareAndSet(false, true)) {
                log.warn("event=ip_limit_database_unavailable error=\"{}\" effect=\"each instance counts in its own memory\"",
                        describe(e));
            }
            outageConsumptions.increment();
            return duringOutage.tryConsume(key);
        }
        busySpell.set(false);
        if (probe.isConsumed()) {
            // Remembered here too, for an outage: else it would start every client from a full allowance.
            duringOutage.tryConsume(key);
        }
        try {
            proxies.removeExpired(CLEANUP_BATCH);
        } catch (RuntimeException e) {
            // The placement is decided; expired rows are deleted after a later one.
            log.debug("event=ip_limit_cleanup_failed error=\"{}\"", describe(e));
        }
        if (inOutage.compareAndSet(true, false)) {
            log.info("event=ip_limit_database_back effect=\"allowances are shared again\"");
        }
        return Optional.of(probe);
    }

    /** Whether the failure says PostgreSQL cannot be reached (SQLState class 08, connection exception). */
    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = root instanceof SQLException sql && sql.getSQLState() != null ? " sqlstate=" + sql.getSQLState() : "";
        return root.getClass().getSimpleName() + state;
    }

    private void ensureTable() throws SQLException {
        if (tableReady.get()) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(hashtext('" + TABLE + "'))");
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (id VARCHAR(64) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_expires_at ON " + TABLE + " (expires_at)");
            connection.commit();
        }
        tableReady.set(true);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
