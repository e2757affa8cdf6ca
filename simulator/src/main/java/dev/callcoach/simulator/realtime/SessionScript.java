package dev.callcoach.simulator.realtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
public final class SessionScript implements Cloneable {

    private List<String> transcripts = List.of();
    private List<Reply> replies = List.of();
    private Duration responseDelay = Duration.ZERO;
    private double audioSpeed = 4.0;
    private Duration deltaDuration = Duration.ofMillis(100);
    private int refuseStatus;
    private Duration dropAfter;
    private int dropAfterServerEvents;
    private Duration errorAfter;
    private RealtimeFault error;
    private Duration expireAfter;
    private Duration closeAfter;
    private int closeCode;
    private Map<Integer, ResponseFault> responseFaults = Map.of();
    private boolean rejectSessionUpdate;
    private Duration transcriptionDelay = Duration.ZERO;
    private boolean failTranscriptions;
    private boolean omitFunctionCallName;
    private boolean greetFromInstructions;

    /** A server error event to inject: {@code type}, {@code code}, {@code message}. */
    public record RealtimeFault(String type, String code, String message) {
    }

    /**
     * How one response ends instead of {@code completed}: {@code failed} with {@code status_details.error}
     * ({@code type}, {@code code}), or {@code incomplete} with a {@code reason}.
     */
    public record ResponseFault(String status, String errorType, String code, String reason) {

        /** The error {@code type} OpenAI pairs with each code, as far as published examples show. */
        static ResponseFault failed(String code) {
            String type = switch (code) {
                case "insufficient_quota" -> "insufficient_quota";
                case "server_error" -> "server_error";
                default -> "invalid_request_error";
            };
            return new ResponseFault("failed", type, code, null);
        }
    }

    private SessionScript() {
    }

    /** Default transcripts and replies, no delay, audio at four times real time in 100 ms deltas, no faults. */
    public static SessionScript defaults() {
        return new SessionScript();
    }

    /** Transcript of the caller's 1st, 2nd, ... utterance; later ones read "Simulated caller utterance N." */
    public SessionScript transcripts(String... texts) {
        return with(s -> s.transcripts = List.of(texts));
    }

    /**
     * Reply of the session's 1st, 2nd, ... response (a greeting requested with response.create counts); later ones are
     * generic. See {@link #greetFromInstructions()} for a first reply that follows the instructions.
     */
    public SessionScript replies(Reply... replies) {
        return with(s -> s.replies = List.of(replies));
    }

    /** Waits this long before {@code response.created}: a slow model. */
    public SessionScript responseDelay(Duration delay) {
        return with(s -> s.responseDelay = nonNegative(delay));
    }

    /** Audio is produced {@code factor} times faster than real time (default 4; real models are faster than 1). */
    public SessionScript audioSpeed(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("audio speed must be positive");
        }
        return with(s -> s.audioSpeed = factor);
    }

    /** Audio per {@code output_audio.delta} (default 100 ms). */
    public SessionScript deltaDuration(Duration duration) {
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException("delta duration must be at least 1 ms");
        }
        return with(s -> s.deltaDuration = duration);
    }

    /** Refuses the WebSocket handshake with this HTTP status (e.g. 429, 500, 503) and an OpenAI error body. */
    public SessionScript refuseConnections(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("refusal status must be 4xx or 5xx");
        }
        return with(s -> s.refuseStatus = httpStatus);
    }

    /** Drops the TCP connection (no close frame) this long after the session opened. */
    public SessionScript dropAfter(Duration after) {
        return with(s -> s.dropAfter = nonNegative(after));
    }

    /** Drops the TCP connection right after sending the {@code n}-th server event (1 = after session.created). */
    public SessionScript dropAfterServerEvents(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        return with(s -> s.dropAfterServerEvents = n);
    }

    /** Sends an {@code error} event this long after the session opened; the socket stays open. */
    public SessionScript errorAfter(Duration after, String type, String code, String message) {
        return with(s -> {
            s.errorAfter = nonNegative(after);
            s.error = new RealtimeFault(type, code, message);
        });
    }

    /** Ends the session as the API does at its maximum length: a {@code session_expired} error, then a normal close (1000). */
    public SessionScript expireAfter(Duration after) {
        return with(s -> s.expireAfter = nonNegative(after));
    }

    /**
     * Without scripted replies, the first response says the opening line the instructions ask for ({@link Greeting}),
     * as a model would, so a call opens the way its scenario does. Off by default: its length follows the scenario,
     * and tests that time replies want the short generic one.
     */
    public SessionScript greetFromInstructions() {
        return with(s -> s.greetFromInstructions = true);
    }

    /** The server closes the socket with a close frame of {@code code} (e.g. 1011, an internal error) this long after opening. */
    public SessionScript closeAfter(Duration after, int code) {
        if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException("close code must be 1000..4999");
        }
        return with(s -> {
            s.closeAfter = nonNegative(after);
            s.closeCode = code;
        });
    }

    /**
     * The session's {@code n}-th response (1 = the first) ends {@code failed} with this
     * {@code status_details.error.code}: {@code insufficient_quota}, {@code rate_limit_exceeded},
     * {@code server_error} or any other. Nothing is said; {@code response.done} follows {@code response.created}.
     */
    public SessionScript failResponse(int n, String code) {
        return withResponseFault(n, ResponseFault.failed(Objects.requireNonNull(code, "code")));
    }

    /** The {@code n}-th response stops halfway and ends {@code incomplete} with this reason ({@code max_output_tokens}, {@code content_filter}). */
    public SessionScript incompleteResponse(int n, String reason) {
        return withResponseFault(n, new ResponseFault("incomplete", null, null, Objects.requireNonNull(reason, "reason")));
    }

    /**
     * Refuses every {@code session.update} with an {@code invalid_request_error} (with {@code param}, echoing
     * the client's {@code event_id}); the session keeps its defaults, so its audio stays {@code audio/pcm}
     * (GA) or {@code pcm16} (beta) at 24 kHz.
     */
    public SessionScript rejectSessionUpdate() {
        return with(s -> s.rejectSessionUpdate = true);
    }

    /** Sends the caller's transcription events this long after the utterance was committed, so they can land after the reply. */
    public SessionScript transcriptionDelay(Duration delay) {
        return with(s -> s.transcriptionDelay = nonNegative(delay));
    }

    /** Every caller transcription ends with {@code conversation.item.input_audio_transcription.failed}. */
    public SessionScript failTranscriptions() {
        return with(s -> s.failTranscriptions = true);
    }

    /** {@code response.function_call_arguments.done} comes without {@code name}: only the function-call item carries it. */
    public SessionScript omitFunctionCallName() {
        return with(s -> s.omitFunctionCallName = true);
    }

    /**
     * Adds a fault given as text, for the standalone simulator's {@code --realtime-fault} flag and
     * {@code POST /_sim/realtime/faults}: {@code fail-response N CODE}, {@code incomplete-response N REASON},
     * {@code reject-session-update}, {@code transcription-delay D}, {@code fail-transcriptions},
     * {@code omit-function-name}, {@code close-after D CODE}, {@code drop-after D}, {@code refuse STATUS}
     * (D like {@code 300ms} or {@code 2s}).
     */
    public SessionScript withFault(String spec) {
        String[] words = Objects.requireNonNull(spec, "spec").trim().split("\\s+");
        try {
            return switch (words[0]) {
                case "fail-response" -> { arity(spec, words, 3); yield failResponse(Integer.parseInt(words[1]), words[2]); }
                case "incomplete-response" -> { arity(spec, words, 3); yield incompleteResponse(Integer.parseInt(words[1]), words[2]); }
                case "reject-session-update" -> { arity(spec, words, 1); yield rejectSessionUpdate(); }
                case "transcription-delay" -> { arity(spec, words, 2); yield transcriptionDelay(duration(words[1])); }
                case "fail-transcriptions" -> { arity(spec, words, 1); yield failTranscriptions(); }
                case "omit-function-name" -> { arity(spec, words, 1); yield omitFunctionCallName(); }
                case "close-after" -> { arity(spec, words, 3); yield closeAfter(duration(words[1]), Integer.parseInt(words[2])); }
                case "drop-after" -> { arity(spec, words, 2); yield dropAfter(duration(words[1])); }
                case "refuse" -> { arity(spec, words, 2); yield refuseConnections(Integer.parseInt(words[1])); }
                default -> throw new IllegalArgumentException("unknown realtime fault: '" + spec + "'");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in realtime fault '" + spec + "'");
        }
    }

    private static void arity(String spec, String[] words, int expected) {
        if (words.length != expected) {
            throw new IllegalArgumentException("realtime fault '" + spec + "' needs " + (expected - 1) + " argument(s)");
        }
    }

    private static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        throw new IllegalArgumentException("not a duration (want e.g. 300ms or 2s): '" + text + "'");
    }

    private SessionScript withResponseFault(int n, ResponseFault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("responses are counted from 1");
        }
        Map<Integer, ResponseFault> faults = new HashMap<>(responseFaults);
        faults.put(n, fault);
        return with(s -> s.responseFaults = Map.copyOf(faults));
    }

    private SessionScript with(Consumer<SessionScript> change) {
        try {
            SessionScript copy = (SessionScript) clone();
            change.accept(copy);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
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

    Duration closeAfter() {
        return closeAfter;
    }

    int closeCode() {
        return closeCode;
    }

    ResponseFault responseFault(int response) {
        return responseFaults.get(response);
    }

    boolean rejectsSessionUpdate() {
        return rejectSessionUpdate;
    }

    Duration transcriptionDelay() {
        return transcriptionDelay;
    }

    boolean failsTranscriptions() {
        return failTranscriptions;
    }

    boolean omitsFunctionCallName() {
        return omitFunctionCallName;
    }

    @Override
    public String toString() {
        return "SessionScript[transcripts=" + transcripts.size() + ", replies=" + replies.size() + ", responseDelay=" + responseDelay
                + ", audioSpeed=" + audioSpeed + ", refuse=" + refuseStatus + ", dropAfter=" + dropAfter + ", dropAfterServerEvents="
                + dropAfterServerEvents + ", errorAfter=" + errorAfter + ", expireAfter=" + expireAfter + ", closeAfter=" + closeAfter
                + ", responseFaults=" + responseFaults + ", rejectSessionUpdate=" + rejectSessionUpdate + ", transcriptionDelay="
                + transcriptionDelay + ", failTranscriptions=" + failTranscriptions + ", omitFunctionCallName=" + omitFunctionCallName
                + ", greetFromInstructions=" + greetFromInstructions + "]";
    }

    private static Duration nonNegative(Duration d) {
        if (Objects.requireNonNull(d).isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        return d;
    }
}
