package dev.callcoach.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s: embedded binaries (zonky) on a free port, or the
 * server named by {@code TEST_DATABASE_URL} ({@code postgres://user:pass@host:port/db}) when set.
 * The database is never mocked.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;

    @Override
    public Map<String, String> start() {
        database = TestDatabase.start();
        return database.quarkusProperties();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }

    /** One running database for tests, embedded or external; usable outside Quarkus too. */
    public record TestDatabase(String host, int port, String database, String user, String password,
                               EmbeddedPostgres embedded) implements AutoCloseable {

        public static TestDatabase start() {
            String external = System.getenv("TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                java.net.URI uri = java.net.URI.create(external.trim());
                String[] userInfo = uri.getUserInfo() == null ? new String[] {"postgres", ""} : uri.getUserInfo().split(":", 2);
                return new TestDatabase(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(),
                        uri.getPath().substring(1), userInfo[0], userInfo.length > 1 ? userInfo[1] : "", null);
            }
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                return new TestDatabase("localhost", pg.getPort(), "postgres", "postgres", "postgres", pg);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
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

        @Override
        public void close() {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
                }
            }
        }
    }
}
