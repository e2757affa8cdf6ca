package dev.callcoach.backend.phone;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * HMAC-SHA256 of an E.164 number: the only form in which a number is stored or compared. Holds a copy of
 * the 32 bytes, so equality is by content.
 */
public final class PhoneHash {

    public static final int LENGTH = 32;

    private final byte[] bytes;

    public PhoneHash(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a phone hash has " + LENGTH + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * A 64-bit key for {@code pg_advisory_xact_lock}: the first eight bytes of the HMAC, already uniformly
     * spread. Two numbers sharing a key only means they queue behind each other, never a wrong count.
     */
    public long lockKey() {
        return ByteBuffer.wrap(bytes).getLong();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhoneHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** A short prefix, enough to correlate log lines, useless for guessing the number. */
    @Override
    public String toString() {
        return "PhoneHash[" + HexFormat.of().formatHex(bytes, 0, 4) + "…]";
    }
}
