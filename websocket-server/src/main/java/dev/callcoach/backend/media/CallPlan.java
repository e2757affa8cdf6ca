package dev.callcoach.backend.media;

import dev.callcoach.backend.realtime.SessionSettings;
import java.util.UUID;

/** Everything the bridge needs to run one session's call: who it is and what the AI is told. */
record CallPlan(UUID sessionId, SessionSettings settings) {
}
