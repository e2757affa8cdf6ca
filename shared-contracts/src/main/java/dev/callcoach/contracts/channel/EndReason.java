package dev.callcoach.contracts.channel;

/**
 * Why a call ended, as the backend saw it. Codes only: the webapp owns the words the page shows.
 */
public enum EndReason {
    /** The caller hung up, or Twilio ended the call. */
    CALLER_HUNG_UP,
    /** The AI said goodbye and hung up. */
    AI_SAID_GOODBYE,
    /** The user pressed End on the page. */
    ENDED_FROM_PAGE,
    /** The call reached its maximum length. */
    MAX_DURATION,
    /** An answering machine, voicemail or fax answered; the AI did not talk to it. */
    VOICEMAIL,
    /** Our side failed: OpenAI could not be reached, refused the session, or stopped answering. */
    AI_UNAVAILABLE,
    /** OpenAI refused for quota; calling is paused for a while. */
    OPENAI_QUOTA,
    /** A fault in our own code. */
    INTERNAL_ERROR
}
