package dev.callcoach.simulator.twilio;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Twilio resource ids: a two-letter prefix and 32 lowercase hex digits. */
final class Sids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ACCOUNT = Pattern.compile("AC[0-9a-f]{32}");

    private Sids() {
    }

    static String call() {
        return next("CA");
    }

    static String stream() {
        return next("MZ");
    }

    static boolean isAccountSid(String value) {
        return value != null && ACCOUNT.matcher(value).matches();
    }

    private static String next(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
