package dev.callcoach.contracts.phone;

import dev.callcoach.contracts.internal.Require;

/** The verdict of {@link PhoneRules#check(String, String)}. */
public sealed interface PhoneCheck {

    /**
     * A number Callcoach may call.
     *
     * @param e164     the normalised number, e.g. {@code +14155550123}; masked in {@link #toString()}
     * @param region   ISO 3166 region of the number, one of the allowed ones
     * @param lineType what kind of line it is
     */
    record Valid(String e164, String region, LineType lineType) implements PhoneCheck {

        public Valid {
            Require.nonNull(e164, "e164");
            Require.nonNull(region, "region");
            Require.nonNull(lineType, "lineType");
        }

        @Override
        public String toString() {
            return "Valid[e164=" + PhoneMasking.mask(e164) + ", region=" + region + ", lineType=" + lineType + "]";
        }
    }

    /**
     * A number Callcoach won't call.
     *
     * @param reason  machine-readable cause
     * @param message a sentence to show the person who typed the number; it never repeats the number
     */
    record Invalid(PhoneRefusal reason, String message) implements PhoneCheck {

        public Invalid {
            Require.nonNull(reason, "reason");
            Require.text(message, "message", Integer.MAX_VALUE);
        }
    }
}
