package dev.callcoach.backend.call;

import java.util.UUID;

/**
 * CDI event: the webapp asked to hang up this session's call. Fired on every backend instance (through
 * the channel's fan-out), because the call's bridge may run on any of them; the instance that runs it
 * ends the call, the others ignore it.
 */
public record EndCallRequested(UUID sessionId) {
}
