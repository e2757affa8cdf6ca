package dev.callcoach.contracts.channel;

/** Sent by the backend in answer to one {@link ChannelRequest}. */
public sealed interface ChannelReply extends ChannelMessage
        permits PhoneLimitStatus, CallReserved, BrowserSessionReserved, CallRefused, ScenarioCatalog, Ack, ErrorReply, ReportDetails {

    /** The correlation id of the request answered; null only in an {@link ErrorReply} to an unreadable frame. */
    String correlationId();
}
