package dev.callcoach.contracts.phone;

/** The kinds of line a person answers, the only ones Callcoach calls. */
public enum LineType {
    MOBILE,
    FIXED_LINE,
    /** Numbering plans such as North America's don't tell mobiles and landlines apart. */
    FIXED_LINE_OR_MOBILE
}
