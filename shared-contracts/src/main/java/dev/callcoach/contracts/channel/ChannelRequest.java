package dev.callcoach.contracts.channel;

/** Sent by the webapp; the backend answers each with exactly one {@link ChannelReply} echoing its correlation id. */
public sealed interface ChannelRequest extends ChannelMessage
        permits PhoneLimitCheck, ReserveCall, ReserveBrowserSession, CallPlaced, CallPlacementUnknown, ReleaseCall, EndCall, Subscribe, Unsubscribe,
        GetScenarioCatalog, GetReport, RetryReport, DeleteReport {

    /** Chosen by the sender, 1 to {@value ChannelProtocol#MAX_CORRELATION_ID_LENGTH} visible ASCII characters. */
    String correlationId();
}
