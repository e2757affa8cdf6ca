package dev.callcoach.simulator.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One call FakeTwilio placed, as tests inspect it: the create request, every status change, every
 * webhook sent, the streams and what Twilio would have logged. Thread-safe; getters return snapshots.
 * {@link #toString()} masks the phone numbers.
 */
public final class SimulatedCall {

    /** A status the call passed through; {@code initiated} appears here although the REST resource never shows it. */
    public record StatusChange(CallStatus status, long atMillis) {
    }

    /** Why the call ended. */
    public enum EndReason {
        /** The caller script hung up. */
        CALLER_HUNG_UP,
        /** {@code Status=completed} or {@code canceled} through REST. */
        REST_UPDATE,
        /** The TwiML ran out (for a stream: the server closed the socket and nothing followed {@code </Connect>}). */
        TWIML_ENDED,
        /** A {@code <Hangup/>} or {@code <Reject/>} verb. */
        HANGUP_VERB,
        /** The TwiML could not be fetched or parsed (see {@link #notifications()}). */
        TWIML_ERROR,
        /** {@code TimeLimit} reached. */
        TIME_LIMIT,
        /** Never connected: busy, no-answer or failed. */
        NOT_ANSWERED
    }

    private final String sid;
    private final String accountSid;
    private final String to;
    private final String from;
    private final Map<String, List<String>> createParams;
    private final long createdAtMillis;
    private final CompletableFuture<SimulatedCall> ended = new CompletableFuture<>();
    private final List<StatusChange> statusHistory = new ArrayList<>();
    private final List<WebhookRequest> statusCallbacks = new ArrayList<>();
    private final List<WebhookRequest> twimlRequests = new ArrayList<>();
    private final List<WebhookRequest> streamCallbacks = new ArrayList<>();
    private final List<WebhookRequest> amdCallbacks = new ArrayList<>();
    private final List<TwilioNotification> notifications = new ArrayList<>();
    private final List<SimulatedStream> streams = new ArrayList<>();
    private CallStatus status = CallStatus.QUEUED;
    private long answeredAtMillis = -1;
    private long endedAtMillis = -1;
    private EndReason endReason;

    SimulatedCall(String sid, String accountSid, String to, String from, Map<String, List<String>> createParams) {
        this.sid = sid;
        this.accountSid = accountSid;
        this.to = to;
        this.from = from;
        this.createParams = Map.copyOf(createParams);
        this.createdAtMillis = System.currentTimeMillis();
        statusHistory.add(new StatusChange(CallStatus.QUEUED, createdAtMillis));
    }

    public String sid() {
        return sid;
    }

    public String accountSid() {
        return accountSid;
    }

    public String to() {
        return to;
    }

    public String from() {
        return from;
    }

    /** The create request's form fields exactly as received (repeated fields keep every value). */
    public Map<String, List<String>> createParams() {
        return createParams;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    /** The REST resource status (never {@code initiated}). */
    public synchronized CallStatus status() {
        return status;
    }

    public synchronized List<StatusChange> statusHistory() {
        return List.copyOf(statusHistory);
    }

    /** Status callbacks sent, in the order their responses came back (use {@code SequenceNumber} for send order). */
    public synchronized List<WebhookRequest> statusCallbacks() {
        return List.copyOf(statusCallbacks);
    }

    /** TwiML requests: the call's {@code Url}, {@code <Redirect>}s and {@code <Connect action>}. */
    public synchronized List<WebhookRequest> twimlRequests() {
        return List.copyOf(twimlRequests);
    }

    /** {@code <Stream statusCallback>} requests. */
    public synchronized List<WebhookRequest> streamCallbacks() {
        return List.copyOf(streamCallbacks);
    }

    /** Async answering machine detection results sent to {@code AsyncAmdStatusCallback}. */
    public synchronized List<WebhookRequest> amdCallbacks() {
        return List.copyOf(amdCallbacks);
    }

    public synchronized List<TwilioNotification> notifications() {
        return List.copyOf(notifications);
    }

    public synchronized List<SimulatedStream> streams() {
        return List.copyOf(streams);
    }

    /** The most recent stream. */
    public synchronized Optional<SimulatedStream> stream() {
        return streams.isEmpty() ? Optional.empty() : Optional.of(streams.getLast());
    }

    public synchronized boolean isEnded() {
        return endedAtMillis >= 0;
    }

    public synchronized Optional<EndReason> endReason() {
        return Optional.ofNullable(endReason);
    }

    /** Seconds from answer to hang-up, rounded to the nearest; empty until the call ended, 0 if never answered. */
    public synchronized OptionalInt durationSeconds() {
        if (endedAtMillis < 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(answeredAtMillis < 0 ? 0 : (int) ((endedAtMillis - answeredAtMillis + 500) / 1000));
    }

    public synchronized long answeredAtMillis() {
        return answeredAtMillis;
    }

    public synchronized long endedAtMillis() {
        return endedAtMillis;
    }

    /** Completes when the call reaches a terminal status. */
    public CompletionStage<SimulatedCall> whenEnded() {
        return ended.copy();
    }

    @Override
    public String toString() {
        return "SimulatedCall[sid=" + sid + ", to=" + PhoneNumbers.mask(to) + ", from=" + PhoneNumbers.mask(from)
                + ", status=" + status() + "]";
    }

    // ---- driven by CallLifecycle ----

    void status(CallStatus next) {
        synchronized (this) {
            if (isEnded()) {
                return;
            }
            long now = System.currentTimeMillis();
            statusHistory.add(new StatusChange(next, now));
            if (next != CallStatus.INITIATED) {
                status = next;
            }
            if (next == CallStatus.IN_PROGRESS) {
                answeredAtMillis = now;
            }
        }
    }

    void end(CallStatus terminal, EndReason reason) {
        synchronized (this) {
            if (isEnded()) {
                return;
            }
            status(terminal);
            endedAtMillis = System.currentTimeMillis();
            endReason = reason;
        }
        ended.complete(this);
    }

    synchronized void statusCallbackSent(WebhookRequest request) {
        statusCallbacks.add(request);
    }

    synchronized void twimlRequested(WebhookRequest request) {
        twimlRequests.add(request);
    }

    synchronized void streamCallbackSent(WebhookRequest request) {
        streamCallbacks.add(request);
    }

    synchronized void amdCallbackSent(WebhookRequest request) {
        amdCallbacks.add(request);
    }

    synchronized void notify(int code, TwilioNotification.Level level, String message) {
        notifications.add(new TwilioNotification(code, level, message, System.currentTimeMillis()));
    }

    synchronized void streamAdded(SimulatedStream stream) {
        streams.add(stream);
    }
}
