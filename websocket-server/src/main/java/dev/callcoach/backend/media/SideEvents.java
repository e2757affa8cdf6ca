package dev.callcoach.backend.media;

import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.function.Consumer;
import java.util.function.Function;

/** Hands a media socket's events to the side kept on its connection, for both media endpoints. */
final class SideEvents {

    private SideEvents() {
    }

    /**
     * Runs {@code action} on the connection's side, if it has one yet. Whatever it throws ends that one call
     * cleanly ({@link CallBridge#onFailure}) instead of reaching the socket's event loop.
     */
    static <S> void deliver(WebSocketConnection connection, UserData.TypedKey<S> key, Function<S, CallBridge> bridge,
                            Consumer<S> action) {
        S side = connection.userData().get(key);
        if (side == null) {
            return;
        }
        try {
            action.accept(side);
        } catch (RuntimeException e) {
            bridge.apply(side).onFailure(e);
        }
    }
}
