package dev.callcoach.backend.media;

import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.function.Consumer;
import java.util.function.Function;

/** Hands a media socket's events to its side, for both media sockets. */
final class SideEvents {

    private SideEvents() {
    }

    /**
     * Runs {@code action} on the side kept on a websockets-next connection, if it has one yet.
     *
     * @see #deliver(Object, Function, Consumer)
     */
    static <S> void deliver(WebSocketConnection connection, UserData.TypedKey<S> key, Function<S, CallBridge> bridge,
                            Consumer<S> action) {
        deliver(connection.userData().get(key), bridge, action);
    }

    /**
     * Runs {@code action} on {@code side}, unless it is null (the socket has no side yet). Whatever it throws
     * ends that one call cleanly ({@link CallBridge#onFailure}) instead of reaching the socket's event loop.
     */
    static <S> void deliver(S side, Function<S, CallBridge> bridge, Consumer<S> action) {
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
