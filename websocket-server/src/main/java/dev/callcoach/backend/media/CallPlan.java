package dev.callcoach.backend.media;

import dev.callcoach.backend.realtime.SessionSettings;
import java.util.UUID;

/**
 * Everything the bridge needs to run one session's call: who it is and what the AI is told.
 *
 * @param callSid the Twilio call SID stored for the session, null until the webapp reported it
 */
record CallPlan(UUID sessionId, String callSid, SessionSettings settings) {
}
