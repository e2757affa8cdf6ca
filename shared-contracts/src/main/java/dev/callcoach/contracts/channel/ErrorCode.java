package dev.callcoach.contracts.channel;

/** What went wrong, in an {@link ErrorReply} or a {@link ChannelProtocolException}. */
public enum ErrorCode {
    /** The frame is not JSON, or is empty. */
    MALFORMED_JSON,
    /** The {@code "type"} names no message of this protocol version. */
    UNKNOWN_TYPE,
    /** JSON of a known type with a missing, mistyped or out-of-range field, or not a JSON object. */
    INVALID_MESSAGE,
    /** The frame is larger than {@link ChannelProtocol#MAX_FRAME_BYTES}. */
    FRAME_TOO_LARGE,
    /** The session (or other thing) the request names does not exist. */
    NOT_FOUND,
    /** The backend cannot serve the request right now. */
    UNAVAILABLE,
    /**
     * Too many requests of this kind on this connection (e.g. {@code phone.limit.check} lookups); waiting
     * helps. The request was not carried out.
     */
    RATE_LIMITED,
    /** A bug or unexpected failure on the answering side. */
    INTERNAL
}
