package dev.callcoach.simulator.twilio;

import java.util.Map;
import java.util.regex.Pattern;

/** The little phone-number knowledge FakeTwilio needs: E.164 syntax, country of a few codes, masking. */
final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern CLIENT = Pattern.compile("client:[A-Za-z0-9_.-]{1,256}");
    private static final Pattern SIP = Pattern.compile("sip:[^\\s]+@[^\\s]+");
    private static final Map<String, String> COUNTRIES = Map.of("1", "US", "44", "GB", "61", "AU", "91", "IN");

    private PhoneNumbers() {
    }

    static boolean isE164(String value) {
        return value != null && E164.matcher(value).matches();
    }

    /** What Twilio accepts as a call endpoint: E.164, {@code client:name} or a SIP URI. */
    static boolean isEndpoint(String value) {
        return isE164(value) || (value != null && (CLIENT.matcher(value).matches() || SIP.matcher(value).matches()));
    }

    /** ISO country for the few calling codes the simulator knows (US, GB, AU, IN), else "". */
    static String country(String number) {
        if (!isE164(number)) {
            return "";
        }
        for (int length = 1; length <= 3; length++) {
            String country = COUNTRIES.get(number.substring(1, 1 + length));
            if (country != null) {
                return country;
            }
        }
        return "";
    }

    /** Whether E.164 {@code number} starts with calling code {@code code} (digits, no plus). */
    static boolean hasCallingCode(String number, String code) {
        return isE164(number) && number.startsWith("+" + code);
    }

    /** A number safe for logs: the plus, the first digit and the last two digits. */
    static String mask(String number) {
        if (number == null || number.length() < 5) {
            return "***";
        }
        return number.substring(0, 2) + "*".repeat(number.length() - 4) + number.substring(number.length() - 2);
    }
}
