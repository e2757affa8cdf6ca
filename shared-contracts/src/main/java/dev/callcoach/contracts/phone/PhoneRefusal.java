package dev.callcoach.contracts.phone;

/** Why {@link PhoneRules} refused a number. */
public enum PhoneRefusal {
    /** Nothing was entered. */
    EMPTY,
    /** The input is longer than {@link PhoneRules#MAX_INPUT_LENGTH}; it was not parsed. */
    TOO_LONG,
    /** Not a number that exists: wrong length, unknown country code, letters, an extension. */
    INVALID,
    /** A real number outside the allowed regions. */
    REGION_NOT_SUPPORTED,
    PREMIUM_RATE,
    SHARED_COST,
    TOLL_FREE,
    VOIP,
    PAGER,
    /** Universal access number: a company's single number routed to its offices. */
    UAN,
    /** Voicemail access number. */
    VOICEMAIL,
    /** Personal (follow-me) number, forwarded wherever its owner says. */
    PERSONAL_NUMBER,
    /** The numbering plan doesn't say what kind of line it is. */
    UNKNOWN_LINE_TYPE
}
