package dev.callcoach.simulator.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * A label inside a 20 ms frame (μ-law at 8 kHz for a phone call, PCM16 at 24 kHz for a browser one) that
 * survives the bridge, which passes audio through untouched: which call sent it, its sequence number, when it was sent
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
    /** Bytes in one 20 ms frame of 24 kHz PCM16, the browser's format. */
    public static final int PCM_FRAME_BYTES = 960;

    private static final short MAGIC = (short) 0xCA11;
    private static final byte SPEECH_FLAG = 1;
    /** magic (2) + flags (1) + call (4) + sequence (4) + time (8). */
    private static final int TAG_BYTES = 19;
    /**
     * The tag rounded up to whole base64 groups of three bytes: the rest of the frame then encodes on
     * its own, once, and each frame only encodes its head (the generator shares a core with the peer).
     */
    private static final int HEAD_BYTES = (TAG_BYTES + 2) / 3 * 3;
    /** Base64 characters of the head: decoding only these keeps the receiver cheap. */
    private static final int TAG_CHARS = HEAD_BYTES / 3 * 4;
    private static final byte SILENCE = (byte) 0xFF;
    private static final byte LOUD_LOW = 0x00;
    private static final byte LOUD_HIGH = (byte) 0x80;
    private static final byte[] SILENT_FRAME = audio(false);
    private static final byte[] SPEECH_FRAME = audio(true);
    private static final byte[] PCM_SILENT_FRAME = pcmAudio(false);
    private static final byte[] PCM_SPEECH_FRAME = pcmAudio(true);
    private static final String SILENT_TAIL = tail(SILENT_FRAME);
    private static final String SPEECH_TAIL = tail(SPEECH_FRAME);

    /** The frame carrying this tag, base64 as in a Media Stream or Realtime message. */
    public String toPayload() {
        byte[] head = Arrays.copyOf(speech ? SPEECH_FRAME : SILENT_FRAME, HEAD_BYTES);
        ByteBuffer.wrap(head).putShort(MAGIC).put(speech ? SPEECH_FLAG : 0).putInt(callId).putInt(sequence).putLong(sentNanos);
        return Base64.getEncoder().encodeToString(head) + (speech ? SPEECH_TAIL : SILENT_TAIL);
    }

    /**
     * The frame carrying this tag as 20 ms of PCM16 little-endian at 24 kHz (960 bytes), the browser's
     * format: silence, or a loud square wave while speaking, behind the same 19-byte tag.
     */
    public byte[] toPcmFrame() {
        byte[] frame = (speech ? PCM_SPEECH_FRAME : PCM_SILENT_FRAME).clone();
        ByteBuffer.wrap(frame).putShort(MAGIC).put(speech ? SPEECH_FLAG : 0).putInt(callId).putInt(sequence).putLong(sentNanos);
        return frame;
    }

    /** {@link #toPcmFrame()} in base64, as in a Realtime message of an {@code audio/pcm} session. */
    public String toPcmPayload() {
        return Base64.getEncoder().encodeToString(toPcmFrame());
    }

    /** Reads the tag at the start of a raw frame (a binary WebSocket message); null when it carries none. */
    public static AudioTag readFrame(byte[] frame) {
        if (frame == null || frame.length < TAG_BYTES) {
            return null;
        }
        ByteBuffer tag = ByteBuffer.wrap(frame);
        if (tag.getShort() != MAGIC) {
            return null;
        }
        boolean speech = (tag.get() & SPEECH_FLAG) != 0;
        return new AudioTag(tag.getInt(), tag.getInt(), tag.getLong(), speech);
    }

    private static byte[] pcmAudio(boolean speech) {
        byte[] frame = new byte[PCM_FRAME_BYTES];
        ByteBuffer samples = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < PCM_FRAME_BYTES / 2; i++) {
            samples.putShort(!speech ? 0 : (short) ((i / 12) % 2 == 0 ? 8000 : -8000));
        }
        return frame;
    }

    /** A frame of silence, or of a loud square wave, with room for the tag. */
    private static byte[] audio(boolean speech) {
        byte[] frame = new byte[FRAME_BYTES];
        for (int i = 0; i < FRAME_BYTES; i++) {
            frame[i] = !speech ? SILENCE : (i / 4) % 2 == 0 ? LOUD_LOW : LOUD_HIGH;
        }
        return frame;
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
        try {
            return readFrame(Base64.getDecoder().decode(payload.substring(0, TAG_CHARS)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String tail(byte[] frame) {
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(frame, HEAD_BYTES, FRAME_BYTES));
    }
}
