package dev.callcoach.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void lostConnectionsTimeoutsAndServerShutdownsMeanUnavailable() {
        assertThat(DatabaseFailures.isUnavailable(new ConnectException("Connection refused"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
        // The pg client fails a command on a dead connection with Vert.x's message-only Throwable, the type
        // Future.failedFuture(String) makes too: public API for it, no import of io.vertx.core.impl.
        assertThat(DatabaseFailures.isUnavailable(Future.failedFuture("Connection is not active now").cause())).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new CompletionException(new ConnectException("refused")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(pg("57P01"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(pg("08006"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(pg("53300"))).isTrue();
    }

    @Test
    void lockAndStatementTimeoutsAndOurOwnWaitMeanBusyNeverUnavailable() {
        for (Throwable busy : new Throwable[] {pg("55P03"), pg("57014"), new io.smallrye.mutiny.TimeoutException(),
                new DatabaseBusyException("reserve", null), new DatabaseBusyException("reserve", pg("55P03"))}) {
            assertThat(DatabaseFailures.isBusy(busy)).as(busy.toString()).isTrue();
            assertThat(DatabaseFailures.isUnavailable(busy)).as(busy.toString()).isFalse();
        }
        assertThat(DatabaseFailures.isBusy(pg("57P01"))).isFalse();
        assertThat(DatabaseFailures.isBusy(new ConnectException("refused"))).isFalse();
    }

    @Test
    void statementErrorsAndBugsAreNotHiddenByTheFallback() {
        assertThat(DatabaseFailures.isUnavailable(pg("42P01"))).isFalse(); // undefined table
        assertThat(DatabaseFailures.isUnavailable(pg("23505"))).isFalse(); // unique violation
        assertThat(DatabaseFailures.isUnavailable(new NullPointerException())).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug", pg("42601")))).isFalse();
    }

    private static PgException pg(String sqlState) {
        return new PgException("message", "ERROR", sqlState, "detail");
    }
}
