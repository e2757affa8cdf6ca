package dev.callcoach.backend.db;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Retention cleanups delete in batches, so no statement holds its locks for long. */
public final class BatchDeletes {

    private BatchDeletes() {
    }

    /**
     * Runs {@code batch} (one {@code DELETE ... LIMIT batchSize}) until a batch comes back short.
     *
     * @return how many rows were deleted in all
     */
    public static Uni<Integer> untilShort(int batchSize, Supplier<Uni<Integer>> batch) {
        return batch.get().chain(deleted -> deleted < batchSize
                ? Uni.createFrom().item(deleted)
                : untilShort(batchSize, batch).map(more -> deleted + more));
    }
}
