package dev.callcoach.backend.config;

import dev.callcoach.contracts.database.DatabaseUrl;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives Quarkus' JDBC (Flyway) and reactive datasource settings from one {@code DATABASE_URL}
 * ({@code postgres://user:password@host:port/db?sslmode=require}), the form Fly.io and most hosts
 * hand out. Explicit {@code QUARKUS_DATASOURCE_*} variables still win: this source sits below the
 * environment and above {@code application.properties}.
 */
public final class DatabaseUrlConfigSource implements ConfigSource {

    static final String ENV = DatabaseUrl.ENV;
    private static final int ORDINAL = 270;

    private final Map<String, String> properties;

    public DatabaseUrlConfigSource() {
        this(System.getenv(ENV));
    }

    DatabaseUrlConfigSource(String databaseUrl) {
        this.properties = databaseUrl == null || databaseUrl.isBlank() ? Map.of() : parse(databaseUrl.trim());
    }

    static Map<String, String> parse(String databaseUrl) {
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        Map<String, String> props = new HashMap<>();
        props.put("quarkus.datasource.jdbc.url", url.jdbcUrl());
        props.put("quarkus.datasource.reactive.url", url.reactiveUrl());
        if (url.username() != null) {
            props.put("quarkus.datasource.username", url.username());
        }
        if (url.password() != null) {
            props.put("quarkus.datasource.password", url.password());
        }
        return Map.copyOf(props);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return ENV;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
