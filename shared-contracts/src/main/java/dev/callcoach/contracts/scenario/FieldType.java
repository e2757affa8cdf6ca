package dev.callcoach.contracts.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a scenario field is entered; its JSON form is the lower-case name. */
public enum FieldType {
    /** One line of text. */
    @JsonProperty("text") TEXT,
    /** Several lines of text. */
    @JsonProperty("textarea") TEXTAREA,
    /** One of the field's {@code options}. */
    @JsonProperty("select") SELECT,
    /** A whole number, optionally bounded by the field's {@code min} and {@code max}. */
    @JsonProperty("number") NUMBER,
    /** {@code "true"} or {@code "false"}. */
    @JsonProperty("boolean") BOOLEAN;

    /** Whether length and pattern rules make sense for this type. */
    public boolean isText() {
        return this == TEXT || this == TEXTAREA;
    }
}
