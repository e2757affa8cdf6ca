package dev.callcoach.backend.report;

import dev.callcoach.backend.db.BatchDeletes;
import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.db.SqlValues;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes transcripts and reports past their retention, in batches so no statement holds locks for long.
 * Idempotent, so several instances running it at once is harmless.
 */
@ApplicationScoped
class ReportCleanup {

    private static final Logger LOG = Logger.getLogger(ReportCleanup.class);

    private final ReportConfig config;
    private final ReportStore store;
    private final DatabaseFailover failover;
    private final Clock clock;

    ReportCleanup(ReportConfig config, ReportStore store, DatabaseFailover failover, Clock clock) {
        this.config = config;
        this.store = store;
        this.failover = failover;
        this.clock = clock;
    }

    @Scheduled(every = "${callcoach.report.cleanup-interval:1h}", delayed = "${callcoach.report.cleanup-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "report-cleanup")
    Uni<Void> scheduled() {
        if (!failover.usingDatabase()) {
            return Uni.createFrom().voidItem();
        }
        return run().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warnf("event=report_cleanup_failed cause=\"%s\"", failure.getMessage());
            return null;
        });
    }

    /** One pass; returns how many rows were deleted. */
    Uni<Integer> run() {
        Instant before = SqlValues.now(clock).minus(config.retention());
        int batchSize = config.cleanupBatchSize();
        return BatchDeletes.untilShort(batchSize, () -> store.deleteCreatedBefore(before, batchSize)).invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("event=report_cleanup reports_deleted=%d", deleted);
            }
        });
    }
}
