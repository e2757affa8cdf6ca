package dev.callcoach.backend.media;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/** Turns the session named in a stream's {@code start} into a plan for the call. */
interface CallPlanner {

    /**
     * Loads the session and renders what the AI is told.
     *
     * @return empty when the session is unknown, over, or too old to start a call
     */
    Uni<Optional<CallPlan>> plan(UUID sessionId);
}
