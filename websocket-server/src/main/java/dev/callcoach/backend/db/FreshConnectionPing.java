package dev.callcoach.backend.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@link DatabaseReachability} on a new connection outside the pool, with the datasource's settings. */
@ApplicationScoped
class FreshConnectionPing implements DatabaseReachability {

    private final Vertx vertx;
    private final PgConnectOptions options;

    FreshConnectionPing(Vertx vertx, DatabaseConfig config,
                        @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                        @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        // The reactive URL may carry a "vertx-reactive:" prefix (Quarkus allows it); PgConnectOptions does not.
        PgConnectOptions parsed = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(parsed::setUser);
        password.ifPresent(parsed::setPassword);
        // Twice the query timeout: a connect timeout means "unreachable", so it must not fire on a merely busy host.
        this.options = parsed.setConnectTimeout((int) config.queryTimeout().multipliedBy(2).toMillis());
    }

    @Override
    public Uni<Void> ping() {
        return PgConnection.connect(vertx, options)
                .chain(connection -> connection.query("SELECT 1").execute()
                        .onTermination().call(connection::close))
                .replaceWithVoid();
    }
}
