package dev.callcoach.contracts.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The only form in which a phone number may appear in logs, {@code toString()} output or on screen
 * after it was entered: country code and last four digits, e.g. {@code +1 •••• ••• 0123}.
 *
 * <p>The masked middle part has a fixed shape so it does not leak the number's length.
 */
public final class PhoneMasking {

    /** What a null or blank number masks to. */
    public static final String NONE = "(no number)";
    /** What anything that is not an international number masks to. */
    public static final String UNREADABLE = "+•• •••• ••• ••••";

    private static final String HIDDEN_MIDDLE = " •••• ••• ";
    /** Longer input is not a number anyway; don't spend parsing time on it. */
    private static final int MAX_INPUT_LENGTH = 32;
    /** Shorter national numbers would be mostly revealed by their last four digits. */
    private static final int MIN_DIGITS_TO_SHOW_TAIL = 8;
    private static final int TAIL_DIGITS = 4;

    private PhoneMasking() {
    }

    /**
     * Masks an E.164 number ({@code +14155550123} becomes {@code +1 •••• ••• 0123}). Never throws:
     * null, blank and unparseable input get a fixed placeholder that reveals nothing.
     */
    public static String mask(String e164) {
        if (e164 == null || e164.isBlank()) {
            return NONE;
        }
        if (e164.length() > MAX_INPUT_LENGTH) {
            return UNREADABLE;
        }
        PhoneNumber number;
        try {
            // "ZZ" = no default region: only input with a leading '+' parses.
            number = PhoneNumberUtil.getInstance().parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return UNREADABLE;
        }
        String national = PhoneNumberUtil.getInstance().getNationalSignificantNumber(number);
        String tail = national.length() >= MIN_DIGITS_TO_SHOW_TAIL
                ? national.substring(national.length() - TAIL_DIGITS)
                : "••••";
        return "+" + number.getCountryCode() + HIDDEN_MIDDLE + tail;
    }
}
