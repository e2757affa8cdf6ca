package dev.callcoach.contracts.channel;

import java.util.UUID;

/** Pushed by the backend, unasked, about a session the webapp has subscribed to. */
public sealed interface ChannelEvent extends ChannelMessage
        permits CallStatusChanged, TranscriptEvent, CallEnded, ReportStatusChanged {

    /** The call session the event is about. */
    UUID sessionId();
}
