package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callcoach.simulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Realtime WebSocket session as tests see it: every client event exactly as received, every
 * server event sent, the effective session config, truncations, and controls to misbehave on demand
 * ({@link #drop()}, {@link #sendError}). Thread-safe; getters return snapshots.
 */
public final class RealtimeSession {

    /** A client event as received; {@code type} and {@code eventId} are null when the JSON had none (or was not JSON). */
    public record ClientEvent(long atMillis, String type, String eventId, String raw) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(raw);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + raw, e);
            }
        }
    }

    /** A server event as sent. */
    public record ServerEvent(long atMillis, String type, String raw) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(raw);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + raw, e);
            }
        }
    }

    /** A {@code conversation.item.truncate}: what was asked, how much audio the item had, whether it was accepted. */
    public record Truncation(String itemId, int contentIndex, long audioEndMs, long itemAudioMs, boolean accepted, long atMillis) {
    }

    private final String id;
    private final int index;
    private final Dialect dialect;
    private final String model;
    private final long openedAtMillis = System.currentTimeMillis();
    private final CompletableFuture<RealtimeSession> closed = new CompletableFuture<>();
    private final List<ClientEvent> clientEvents = new ArrayList<>();
    private final List<ServerEvent> serverEvents = new ArrayList<>();
    private final List<Truncation> truncations = new ArrayList<>();
    private volatile SessionConnection connection;
    private JsonNode session;
    private long inputAudioMs;
    private int responses;
    private int utterances;
    private int closeCode = -1;

    RealtimeSession(String id, int index, Dialect dialect, String model) {
        this.id = id;
        this.index = index;
        this.dialect = dialect;
        this.model = model;
    }

    /** {@code sess_…}, as in {@code session.created}. */
    public String id() {
        return id;
    }

    /** 1 for the first session of this FakeRealtime, then 2, 3, ...; the audio pattern carries it. */
    public int index() {
        return index;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String model() {
        return model;
    }

    public long openedAtMillis() {
        return openedAtMillis;
    }

    public synchronized boolean isOpen() {
        return !closed.isDone();
    }

    /** The WebSocket close code once closed (1006 when the connection just dropped). */
    public synchronized OptionalInt closeCode() {
        return closeCode < 0 ? OptionalInt.empty() : OptionalInt.of(closeCode);
    }

    public CompletionStage<RealtimeSession> whenClosed() {
        return closed.copy();
    }

    public synchronized List<ClientEvent> clientEvents() {
        return List.copyOf(clientEvents);
    }

    public synchronized List<ClientEvent> clientEvents(String type) {
        return clientEvents.stream().filter(e -> type.equals(e.type())).toList();
    }

    /** The types of all client events in order, handy for {@code containsExactly}. */
    public synchronized List<String> clientEventTypes() {
        return clientEvents.stream().map(ClientEvent::type).toList();
    }

    public synchronized List<ServerEvent> serverEvents() {
        return List.copyOf(serverEvents);
    }

    public synchronized List<ServerEvent> serverEvents(String type) {
        return serverEvents.stream().filter(e -> type.equals(e.type())).toList();
    }

    /** The {@code error} events sent. */
    public List<ServerEvent> errorsSent() {
        return serverEvents("error");
    }

    /** The effective session config (what the last {@code session.created}/{@code session.updated} showed). */
    public synchronized JsonNode session() {
        return session.deepCopy();
    }

    /** Milliseconds of input audio appended so far. */
    public synchronized long inputAudioMs() {
        return inputAudioMs;
    }

    public synchronized int responseCount() {
        return responses;
    }

    /** Caller utterances committed so far (VAD or manual commits). */
    public synchronized int utteranceCount() {
        return utterances;
    }

    public synchronized List<Truncation> truncations() {
        return List.copyOf(truncations);
    }

    /** Drops the TCP connection without a close frame, like a network failure. */
    public void drop() {
        control().runOnContext(SessionConnection::drop);
    }

    /** Closes the WebSocket with a close frame. */
    public void close(int code, String reason) {
        control().runOnContext(c -> c.close(code, reason));
    }

    /** Sends an {@code error} server event; the session stays open. */
    public void sendError(String type, String code, String message) {
        control().runOnContext(c -> c.sendError(new RealtimeError(type, code, message, null), null));
    }

    /** Sends any server event JSON as is (an {@code event_id} is added when missing). */
    public void sendRaw(String json) {
        control().runOnContext(c -> c.sendRaw(json));
    }

    @Override
    public String toString() {
        return "RealtimeSession[" + id + " #" + index + " " + dialect + " open=" + isOpen() + "]";
    }

    // ---- driven by SessionConnection ----

    void attach(SessionConnection connection) {
        this.connection = connection;
    }

    synchronized void clientEvent(ClientEvent event) {
        clientEvents.add(event);
    }

    synchronized void serverEvent(ServerEvent event) {
        serverEvents.add(event);
    }

    synchronized void session(JsonNode effective) {
        this.session = effective;
    }

    synchronized void audioAppended(long ms) {
        inputAudioMs = ms;
    }

    synchronized void responseStarted() {
        responses++;
    }

    synchronized void utteranceCommitted() {
        utterances++;
    }

    synchronized void truncation(Truncation truncation) {
        truncations.add(truncation);
    }

    void closed(int code) {
        synchronized (this) {
            if (closeCode < 0) {
                closeCode = code;
            }
        }
        closed.complete(this);
    }

    private SessionConnection control() {
        SessionConnection c = connection;
        if (c == null) {
            throw new IllegalStateException("session not attached");
        }
        return c;
    }
}
