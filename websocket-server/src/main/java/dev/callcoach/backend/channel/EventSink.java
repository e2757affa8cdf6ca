package dev.callcoach.backend.channel;

/** Where a subscriber's events go: in production one channel connection. */
public interface EventSink {

    /** Unique among the sinks of this instance. */
    String id();

    /** Sends one encoded event frame; must not block. */
    void send(String frame);
}
