package dev.callcoach.backend.media;

import dev.callcoach.backend.call.EndCallRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The calls this instance is bridging right now, by session, so one can be ended from outside. The
 * webapp's {@code call.end} reaches every instance as an {@link EndCallRequested} (the channel fans
 * it out); the instance that carries the call ends it, the others have nothing to do.
 */
@ApplicationScoped
public class CallControl {

    private final ConcurrentMap<UUID, CallBridge> live = new ConcurrentHashMap<>();

    /**
     * Asks the session's call to end the way the AI ends it: a short goodbye, then hang up once it
     * has played.
     *
     * @return whether this instance carries the call
     */
    public boolean endCall(UUID sessionId) {
        CallBridge bridge = live.get(sessionId);
        if (bridge == null) {
            return false;
        }
        bridge.requestEnd();
        return true;
    }

    void onEndRequested(@ObservesAsync EndCallRequested request) {
        endCall(request.sessionId());
    }

    /** How many calls this instance is bridging. */
    public int liveCalls() {
        return live.size();
    }

    /** @return false if the session already has a bridge here */
    boolean register(UUID sessionId, CallBridge bridge) {
        return live.putIfAbsent(sessionId, bridge) == null;
    }

    void unregister(UUID sessionId, CallBridge bridge) {
        live.remove(sessionId, bridge);
    }
}
