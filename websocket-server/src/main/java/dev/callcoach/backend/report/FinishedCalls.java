package dev.callcoach.backend.report;

import dev.callcoach.contracts.channel.TranscriptLine;
import java.util.List;
import java.util.UUID;

/** Where the bridge hands a call's transcript when the call is over. */
public interface FinishedCalls {

    /**
     * Called once per bridged call, on the call's thread, after both sockets are closed. Must return at once:
     * keeping and grading happen elsewhere.
     *
     * @param transcript the final lines of both speakers, in conversation order
     */
    void ended(UUID sessionId, List<TranscriptLine> transcript);
}
