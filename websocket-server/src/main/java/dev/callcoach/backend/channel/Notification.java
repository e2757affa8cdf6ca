package dev.callcoach.backend.channel;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message between backend instances over Postgres NOTIFY. A NOTIFY payload must stay under 8000 bytes
 * and a transcript event may be up to 64 KiB, so a message is cut into parts of at most
 * {@value #PART_BYTES} bytes, each base64 in a small JSON envelope
 * ({@code {"o":origin,"s":seq,"i":index,"n":count,"k":kind,"d":data}}). The parts of one message are
 * sent in one statement, so Postgres delivers them together and in order; {@link Reassembly} puts them
 * back together.
 *
 * @param origin the sending instance, so it can skip its own messages
 * @param seq    the sender's message counter
 * @param body   the channel event's JSON, or the session id for {@link Kind#END_CALL}
 */
record Notification(String origin, long seq, Kind kind, String body) {

    enum Kind {
        EVENT, END_CALL
    }

    /** Raw bytes per part: base64 makes 7200 characters of them, leaving room for the envelope. */
    static final int PART_BYTES = 5400;

    /** The NOTIFY payloads carrying this message. */
    List<String> payloads() {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int count = Math.max(1, (bytes.length + PART_BYTES - 1) / PART_BYTES);
        List<String> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] part = Arrays.copyOfRange(bytes, i * PART_BYTES, Math.min(bytes.length, (i + 1) * PART_BYTES));
            payloads.add(new JsonObject()
                    .put("o", origin).put("s", seq).put("i", i).put("n", count).put("k", kind.name())
                    .put("d", Base64.getEncoder().encodeToString(part))
                    .encode());
        }
        return payloads;
    }

    /** One received payload. */
    record Part(String origin, long seq, int index, int count, Kind kind, byte[] data) {

        /** @throws IllegalArgumentException if the payload is not one of ours */
        static Part parse(String payload) {
            try {
                JsonObject json = new JsonObject(payload);
                Part part = new Part(json.getString("o"), json.getLong("s"), json.getInteger("i"), json.getInteger("n"),
                        Kind.valueOf(json.getString("k")), Base64.getDecoder().decode(json.getString("d")));
                if (part.origin == null || part.index < 0 || part.index >= part.count) {
                    throw new IllegalArgumentException("inconsistent part numbering");
                }
                return part;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a Callcoach notification: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Collects parts per sender until a message is complete. Not thread-safe: parts come from one
     * listening connection, one at a time.
     */
    static final class Reassembly {

        private final Map<String, Pending> bySender = new HashMap<>();

        /** The message this part completes, if it does. A part out of sequence drops the sender's pending message. */
        Optional<Notification> add(Part part) {
            Pending pending = bySender.get(part.origin());
            if (part.index() == 0) {
                pending = new Pending(part.seq(), part.count(), part.kind());
                bySender.put(part.origin(), pending);
            } else if (pending == null || pending.seq != part.seq() || pending.parts.size() != part.index()) {
                bySender.remove(part.origin());
                return Optional.empty();
            }
            pending.parts.add(part.data());
            if (pending.parts.size() < pending.count) {
                return Optional.empty();
            }
            bySender.remove(part.origin());
            return Optional.of(new Notification(part.origin(), part.seq(), pending.kind, pending.body()));
        }

        /** Forgets partial messages, e.g. after the listening connection was lost. */
        void clear() {
            bySender.clear();
        }

        private static final class Pending {
            final long seq;
            final int count;
            final Kind kind;
            final List<byte[]> parts = new ArrayList<>();

            Pending(long seq, int count, Kind kind) {
                this.seq = seq;
                this.count = count;
                this.kind = kind;
            }

            String body() {
                int length = parts.stream().mapToInt(p -> p.length).sum();
                byte[] all = new byte[length];
                int at = 0;
                for (byte[] part : parts) {
                    System.arraycopy(part, 0, all, at, part.length);
                    at += part.length;
                }
                return new String(all, StandardCharsets.UTF_8);
            }
        }
    }
}
