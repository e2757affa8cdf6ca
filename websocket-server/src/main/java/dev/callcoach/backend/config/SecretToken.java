package dev.callcoach.backend.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bearer secret handed to a browser (the key to a call's report, the single-use media token of a browser
 * session): 256 random bits, base64url, 43 characters. Only its SHA-256 is stored; a plain hash suffices
 * because the token is random, not a password someone chose.
 */
public final class SecretToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private SecretToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Constant time, so response timing says nothing about how much of a guess was right. */
    public static boolean matches(String token, byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(token), storedHash);
    }
}
