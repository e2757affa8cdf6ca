package dev.callcoach.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s: embedded binaries (zonky) on a free port, or the
 * server named by {@code TEST_DATABASE_URL} ({@code postgres://user:pass@host:port/db}) when set.
 * The database is never mocked. Tests get the running database with {@link InjectTestDatabase}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link TestDatabase} field of a test class to receive the running database. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectTestDatabase {
    }

    private TestDatabase database;

    @Override
    public Map<String, String> start() {
        database = TestDatabase.start();
        return database.quarkusProperties();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(database,
                new TestInjector.AnnotatedAndMatchesType(InjectTestDatabase.class, TestDatabase.class));
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }

    /** One running database for tests, embedded or external; usable outside Quarkus too. */
    public static final class TestDatabase implements AutoCloseable {

        private final String host;
        private final int port;
        private final String database;
        private final String user;
        private final String password;
        /** The embedded server's data, kept across {@link #stop()}/{@link #restart()}; null for an external one. */
        private final Path dataDirectory;
        private EmbeddedPostgres embedded;

        private TestDatabase(String host, int port, String database, String user, String password, Path dataDirectory,
                             EmbeddedPostgres embedded) {
            this.host = host;
            this.port = port;
            this.database = database;
            this.user = user;
            this.password = password;
            this.dataDirectory = dataDirectory;
            this.embedded = embedded;
        }

        public static TestDatabase start() {
            String external = System.getenv("TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                java.net.URI uri = java.net.URI.create(external.trim());
                String[] userInfo = uri.getUserInfo() == null ? new String[] {"postgres", ""} : uri.getUserInfo().split(":", 2);
                return new TestDatabase(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(),
                        uri.getPath().substring(1), userInfo[0], userInfo.length > 1 ? userInfo[1] : "", null, null);
            }
            try {
                Path dataDirectory = Files.createTempDirectory("callcoach-pg-");
                EmbeddedPostgres pg = embedded(dataDirectory, 0);
                return new TestDatabase("localhost", pg.getPort(), "postgres", "postgres", "postgres", dataDirectory, pg);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
        }

        /** The data directory outlives the server, so {@link #restart()} brings back the same database. */
        private static EmbeddedPostgres embedded(Path dataDirectory, int port) throws IOException {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false);
            if (port != 0) {
                builder.setPort(port);
            }
            return builder.start();
        }

        public boolean isEmbedded() {
            return dataDirectory != null;
        }

        /** False between {@link #stop()} and {@link #restart()}. */
        public synchronized boolean isRunning() {
            return !isEmbedded() || embedded != null;
        }

        /** Shuts the embedded server down (fast mode: open connections are cut), keeping its data. */
        public synchronized void stop() {
            requireEmbedded();
            closeEmbedded();
        }

        /** Starts the embedded server again on the same port with the same data. */
        public synchronized void restart() {
            requireEmbedded();
            try {
                embedded = embedded(dataDirectory, port);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not restart embedded PostgreSQL", e);
            }
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + database;
        }

        public Map<String, String> quarkusProperties() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", jdbcUrl(),
                    "quarkus.datasource.reactive.url", reactiveUrl(),
                    "quarkus.datasource.username", user,
                    "quarkus.datasource.password", password);
        }

        /** How to open a connection of one's own to this database. */
        public PgConnectOptions connectOptions() {
            return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
                    .setUser(user).setPassword(password);
        }

        /** A pool of its own, as a second backend instance would have; the caller closes it. */
        public Pool newPool(Vertx vertx, int maxSize) {
            PgConnectOptions connect = connectOptions();
            // A name of its own keeps its metrics apart from the application pool's.
            return PgPool.pool(vertx, connect, new PoolOptions().setMaxSize(maxSize).setName("test-" + UUID.randomUUID()));
        }

        @Override
        public synchronized void close() {
            if (!isEmbedded()) {
                return;
            }
            closeEmbedded();
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete " + dataDirectory, e);
            }
        }

        private void closeEmbedded() {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
                }
                embedded = null;
            }
        }

        private void requireEmbedded() {
            if (!isEmbedded()) {
                throw new IllegalStateException("only the embedded test database can be stopped and restarted");
            }
        }
    }
}
