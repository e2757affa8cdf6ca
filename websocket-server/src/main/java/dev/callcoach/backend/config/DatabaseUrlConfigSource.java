package dev.callcoach.backend.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

    static final String ENV = "DATABASE_URL";
    private static final int ORDINAL = 270;

    private final Map<String, String> properties;

    public DatabaseUrlConfigSource() {
        this(System.getenv(ENV));
    }

    DatabaseUrlConfigSource(String databaseUrl) {
        this.properties = databaseUrl == null || databaseUrl.isBlank() ? Map.of() : parse(databaseUrl.trim());
    }

    static Map<String, String> parse(String databaseUrl) {
        URI uri = URI.create(databaseUrl);
        String scheme = uri.getScheme();
        if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
            throw new IllegalArgumentException(
                    ENV + " must start with postgres:// or postgresql://, got scheme '" + scheme + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(ENV + " has no host");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String hostPortDb = uri.getHost() + ":" + port + "/" + database;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();

        Map<String, String> props = new HashMap<>();
        props.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPortDb + query);
        props.put("quarkus.datasource.reactive.url", "postgresql://" + hostPortDb + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.put("quarkus.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                props.put("quarkus.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return Map.copyOf(props);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
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
