package dev.callcoach.simulator.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the sessions FakeRealtime opens behave: the canned transcript of each caller utterance, the
 * reply of each response, pacing, and faults. Immutable; each {@code with...} style method returns
 * a copy. Applies to sessions opened after it is set ({@link FakeRealtime#script(SessionScript)}).
 *
 * <pre>{@code
 * SessionScript.defaults()
 *     .transcripts("I'd like a table for two.", "Goodbye.")
 *     .replies(Reply.say("Hello! How can I help?"), Reply.say("Sure."), Reply.say("Bye!").thenCall("end_call", "{}"))
 *     .responseDelay(Duration.ofMillis(200));
 * }</pre>
 */
public final class SessionScript {

    private final List<String> transcripts;
    private final List<Reply> replies;
    private final Duration responseDelay;
    private final double audioSpeed;
    private final Duration deltaDuration;
    private final int refuseStatus;
    private final Duration dropAfter;
    private final int dropAfterServerEvents;
    private final Duration errorAfter;
    private final RealtimeFault error;
    private final Duration expireAfter;
    private final boolean greetFromInstructions;

    /** A server error event to inject: {@code type}, {@code code}, {@code message}. */
    public record RealtimeFault(String type, String code, String message) {
    }

    private SessionScript(List<String> transcripts, List<Reply> replies, Duration responseDelay, double audioSpeed,
            Duration deltaDuration, int refuseStatus, Duration dropAfter, int dropAfterServerEvents, Duration errorAfter,
            RealtimeFault error, Duration expireAfter, boolean greetFromInstructions) {
        this.transcripts = List.copyOf(transcripts);
        this.replies = List.copyOf(replies);
        this.responseDelay = responseDelay;
        this.audioSpeed = audioSpeed;
        this.deltaDuration = deltaDuration;
        this.refuseStatus = refuseStatus;
        this.dropAfter = dropAfter;
        this.dropAfterServerEvents = dropAfterServerEvents;
        this.errorAfter = errorAfter;
        this.error = error;
        this.expireAfter = expireAfter;
        this.greetFromInstructions = greetFromInstructions;
    }

    /** Default transcripts and replies, no delay, audio at four times real time in 100 ms deltas, no faults. */
    public static SessionScript defaults() {
        return new SessionScript(List.of(), List.of(), Duration.ZERO, 4.0, Duration.ofMillis(100), 0, null, 0, null, null, null, false);
    }

    /** Transcript of the caller's 1st, 2nd, ... utterance; later ones read "Simulated caller utterance N." */
    public SessionScript transcripts(String... texts) {
        return new SessionScript(List.of(texts), replies, responseDelay, audioSpeed, deltaDuration, refuseStatus, dropAfter,
                dropAfterServerEvents, errorAfter, error, expireAfter, greetFromInstructions);
    }

    /**
     * Reply of the session's 1st, 2nd, ... response (a greeting requested with response.create counts); later ones are
     * generic. See {@link #greetFromInstructions()} for a first reply that follows the instructions.
     */
    public SessionScript replies(Reply... replies) {
        return new SessionScript(transcripts, List.of(replies), responseDelay, audioSpeed, deltaDuration, refuseStatus, dropAfter,
                dropAfterServerEvents, errorAfter, error, expireAfter, greetFromInstructions);
    }

    /** Waits this long before {@code response.created}: a slow model. */
    public SessionScript responseDelay(Duration delay) {
        return new SessionScript(transcripts, replies, nonNegative(delay), audioSpeed, deltaDuration, refuseStatus, dropAfter,
                dropAfterServerEvents, errorAfter, error, expireAfter, greetFromInstructions);
    }

    /** Audio is produced {@code factor} times faster than real time (default 4; real models are faster than 1). */
    public SessionScript audioSpeed(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("audio speed must be positive");
        }
        return new SessionScript(transcripts, replies, responseDelay, factor, deltaDuration, refuseStatus, dropAfter,
                dropAfterServerEvents, errorAfter, error, expireAfter, greetFromInstructions);
    }

    /** Audio per {@code output_audio.delta} (default 100 ms). */
    public SessionScript deltaDuration(Duration duration) {
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException("delta duration must be at least 1 ms");
        }
        return new SessionScript(transcripts, replies, responseDelay, audioSpeed, duration, refuseStatus, dropAfter,
                dropAfterServerEvents, errorAfter, error, expireAfter, greetFromInstructions);
    }

    /** Refuses the WebSocket handshake with this HTTP status (e.g. 429, 500, 503) and an OpenAI error body. */
    public SessionScript refuseConnections(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("refusal status must be 4xx or 5xx");
        }
        return new SessionScript(transcripts, replies, responseDelay, audioSpeed, deltaDuration, httpStatus, dropAfter,
                dropAfterServerEvents, errorAfter, error, expireAfter, greetFromInstructions);
    }

    /** Drops the TCP connection (no close frame) this long after the session opened. */
    public SessionScript dropAfter(Duration after) {
        return new SessionScript(transcripts, replies, responseDelay, audioSpeed, deltaDuration, refuseStatus, nonNegative(after),
                dropAfterServerEvents, errorAfter, error, expireAfter, greetFromInstructions);
    }

    /** Drops the TCP connection right after sending the {@code n}-th server event (1 = after session.created). */
    public SessionScript dropAfterServerEvents(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        return new SessionScript(transcripts, replies, responseDelay, audioSpeed, deltaDuration, refuseStatus, dropAfter, n,
                errorAfter, error, expireAfter, greetFromInstructions);
    }

    /** Sends an {@code error} event this long after the session opened; the socket stays open. */
    public SessionScript errorAfter(Duration after, String type, String code, String message) {
        return new SessionScript(transcripts, replies, responseDelay, audioSpeed, deltaDuration, refuseStatus, dropAfter,
                dropAfterServerEvents, nonNegative(after), new RealtimeFault(type, code, message), expireAfter, greetFromInstructions);
    }

    /** Ends the session as the API does at its maximum length: a {@code session_expired} error, then close. */
    public SessionScript expireAfter(Duration after) {
        return new SessionScript(transcripts, replies, responseDelay, audioSpeed, deltaDuration, refuseStatus, dropAfter,
                dropAfterServerEvents, errorAfter, error, nonNegative(after), greetFromInstructions);
    }

    /**
     * Without scripted replies, the first response says the opening line the instructions ask for ({@link Greeting}),
     * as a model would, so a call opens the way its scenario does. Off by default: its length follows the scenario,
     * and tests that time replies want the short generic one.
     */
    public SessionScript greetFromInstructions() {
        return new SessionScript(transcripts, replies, responseDelay, audioSpeed, deltaDuration, refuseStatus, dropAfter,
                dropAfterServerEvents, errorAfter, error, expireAfter, true);
    }

    String transcript(int utterance) {
        return utterance <= transcripts.size() ? transcripts.get(utterance - 1) : "Simulated caller utterance " + utterance + ".";
    }

    Reply reply(int response) {
        return response <= replies.size() ? replies.get(response - 1) : Reply.say("This is simulated reply number " + response + ".");
    }

    /** Like {@link #reply(int)}, but with {@link #greetFromInstructions()} an unscripted first response is the greeting. */
    Reply reply(int response, String instructions) {
        if (greetFromInstructions && response == 1 && replies.isEmpty()) {
            return Greeting.in(instructions).map(Reply::say).orElseGet(() -> reply(response));
        }
        return reply(response);
    }

    Duration responseDelay() {
        return responseDelay;
    }

    double audioSpeed() {
        return audioSpeed;
    }

    Duration deltaDuration() {
        return deltaDuration;
    }

    int refuseStatus() {
        return refuseStatus;
    }

    Duration dropAfter() {
        return dropAfter;
    }

    int dropAfterServerEvents() {
        return dropAfterServerEvents;
    }

    Duration errorAfter() {
        return errorAfter;
    }

    RealtimeFault error() {
        return error;
    }

    Duration expireAfter() {
        return expireAfter;
    }

    @Override
    public String toString() {
        return "SessionScript[transcripts=" + transcripts.size() + ", replies=" + replies.size() + ", responseDelay=" + responseDelay
                + ", audioSpeed=" + audioSpeed + ", refuse=" + refuseStatus + ", dropAfter=" + dropAfter + ", dropAfterServerEvents="
                + dropAfterServerEvents + ", errorAfter=" + errorAfter + ", expireAfter=" + expireAfter + ", greetFromInstructions=" + greetFromInstructions + "]";
    }

    private static Duration nonNegative(Duration d) {
        if (Objects.requireNonNull(d).isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        return d;
    }
}
