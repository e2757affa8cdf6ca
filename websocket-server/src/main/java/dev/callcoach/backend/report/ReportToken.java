package dev.callcoach.backend.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that opens one call's transcript and report: 256 random bits, base64url. Only its SHA-256 is
 * stored; a plain hash suffices because the token is random, not a password someone chose.
 */
final class ReportToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private ReportToken() {
    }

    static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Constant time, so response timing says nothing about how much of a guess was right. */
    static boolean matches(String token, byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(token), storedHash);
    }
}
