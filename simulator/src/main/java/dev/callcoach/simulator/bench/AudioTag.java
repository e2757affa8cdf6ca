package dev.callcoach.simulator.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * A label inside a 20 ms μ-law frame (160 bytes, 8 kHz) that survives the bridge, which passes audio
 * through untouched: which call sent it, its sequence number, when it was sent
 * ({@link System#nanoTime()}, so sender and receiver must share one JVM), and whether the caller is
 * speaking. The bytes after the tag are silence, or a loud square wave while speaking.
 *
 * @param callId     the benchmark's number for the call, from 0
 * @param sequence   the frame's number within its stream, from 0
 * @param sentNanos  {@link System#nanoTime()} when the frame was handed to the socket
 * @param speech     whether the frame is caller speech (the Realtime peer's cue for a barge-in)
 */
public record AudioTag(int callId, int sequence, long sentNanos, boolean speech) {

    /** Bytes in one 20 ms frame of 8 kHz μ-law. */
    public static final int FRAME_BYTES = 160;

    private static final short MAGIC = (short) 0xCA11;
    private static final byte SPEECH = 1;
    /** magic (2) + flags (1) + call (4) + sequence (4) + time (8). */
    private static final int TAG_BYTES = 19;
    /** Base64 characters that cover the tag: decoding only these keeps the receiver cheap. */
    private static final int TAG_CHARS = (TAG_BYTES + 2) / 3 * 4;
    private static final byte SILENCE = (byte) 0xFF;
    private static final byte LOUD_LOW = 0x00;
    private static final byte LOUD_HIGH = (byte) 0x80;

    /** The frame carrying this tag, base64 as in a Media Stream or Realtime message. */
    public String toPayload() {
        byte[] frame = new byte[FRAME_BYTES];
        if (speech) {
            for (int i = TAG_BYTES; i < FRAME_BYTES; i++) {
                frame[i] = (i / 4) % 2 == 0 ? LOUD_LOW : LOUD_HIGH;
            }
        } else {
            Arrays.fill(frame, TAG_BYTES, FRAME_BYTES, SILENCE);
        }
        ByteBuffer.wrap(frame).putShort(MAGIC).put(speech ? SPEECH : 0).putInt(callId).putInt(sequence).putLong(sentNanos);
        return Base64.getEncoder().encodeToString(frame);
    }

    /**
     * Reads the tag at the start of a base64 frame.
     *
     * @return the tag, or null when the payload carries none (audio the benchmark did not send, bad base64)
     */
    public static AudioTag read(String payload) {
        if (payload == null || payload.length() < TAG_CHARS) {
            return null;
        }
        byte[] head;
        try {
            head = Base64.getDecoder().decode(payload.substring(0, TAG_CHARS));
        } catch (IllegalArgumentException e) {
            return null;
        }
        ByteBuffer tag = ByteBuffer.wrap(head);
        if (tag.getShort() != MAGIC) {
            return null;
        }
        boolean speech = (tag.get() & SPEECH) != 0;
        return new AudioTag(tag.getInt(), tag.getInt(), tag.getLong(), speech);
    }
}
