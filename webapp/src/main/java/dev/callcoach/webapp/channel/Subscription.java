package dev.callcoach.webapp.channel;

/** A listener's interest in a session's events; closing it stops them. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
