package dev.callcoach.backend.call;

import dev.callcoach.contracts.channel.EndReason;
import java.util.UUID;

/**
 * CDI event: hang up this session's call, because the webapp asked ({@link EndReason#ENDED_FROM_PAGE}) or
 * a machine answered ({@link EndReason#VOICEMAIL}). Fired on every backend instance (through the channel's
 * fan-out), because the call's bridge may run on any of them; the instance that runs it ends the call,
 * the others keep it in case the call's stream starts there.
 */
public record EndCallRequested(UUID sessionId, EndReason reason) {
}
