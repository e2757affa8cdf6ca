package dev.callcoach.simulator.realtime;

import java.security.SecureRandom;

/** Ids shaped like the API's: a prefix and random alphanumerics ({@code event_…}, {@code item_…}, {@code resp_…}). */
final class Ids {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String event() {
        return next("event_", 21);
    }

    static String item() {
        return next("item_", 21);
    }

    static String response() {
        return next("resp_", 21);
    }

    static String session() {
        return next("sess_", 21);
    }

    static String conversation() {
        return next("conv_", 21);
    }

    static String call() {
        return next("call_", 16);
    }

    private static String next(String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
