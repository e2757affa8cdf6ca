package dev.callcoach.simulator.responses;

/** What {@code POST /v1/responses} does instead of answering, until set back to {@link #NONE}. */
public enum ResponsesFault {
    /** Answers normally. */
    NONE,
    /** 429 {@code rate_limit_exceeded}, with {@code retry-after}. */
    RATE_LIMITED,
    /** 500 {@code server_error}. */
    SERVER_ERROR,
    /** Never answers; the connection stays open until the client gives up or the fake closes. */
    TIMEOUT,
    /** 200 with the model declining: an output message whose content is a {@code refusal}. */
    REFUSAL
}
