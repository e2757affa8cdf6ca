package dev.callcoach.contracts.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL {@code DATABASE_URL}: {@code postgres://user:password@host:port/db?sslmode=require}.
 *
 * @param hostPortDatabase {@code host:port/db}, port defaulting to 5432 and the database to {@code postgres}
 * @param query            the query string with its {@code ?}, or empty
 * @param username         null when the URL names none
 * @param password         null when the URL names none
 */
public record DatabaseUrl(String hostPortDatabase, String query, String username, String password) {

    /** The environment variable both services read it from. */
    public static final String ENV = "DATABASE_URL";

    /**
     * Parses the URL. Errors never quote it: it carries the password.
     *
     * @throws IllegalArgumentException when it is not a {@code postgres://} or {@code postgresql://} URL with a host
     */
    public static DatabaseUrl parse(String databaseUrl) {
        URI uri;
        try {
            uri = URI.create(databaseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV + " is not a URL");
        }
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
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String userInfo = uri.getRawUserInfo();
        String username = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        return new DatabaseUrl(uri.getHost() + ":" + port + "/" + database, query, username, password);
    }

    /** For JDBC (Flyway, Bucket4j): {@code jdbc:postgresql://host:port/db?...}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostPortDatabase + query;
    }

    /** For the Vert.x reactive client: {@code postgresql://host:port/db?...}. */
    public String reactiveUrl() {
        return "postgresql://" + hostPortDatabase + query;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseUrl[" + hostPortDatabase + ", user=" + username + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
