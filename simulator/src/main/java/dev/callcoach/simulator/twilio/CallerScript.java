package dev.callcoach.simulator.twilio;

import dev.callcoach.simulator.audio.AudioClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the person at a destination number does: how the call is answered (or not), then what they
 * say and when, on the Media Stream's clock (20 ms frames from the moment the stream starts). After
 * the last step the caller stays on the line, silent, until the call is ended some other way.
 * Immutable; every {@code then...} returns a new script.
 *
 * <pre>{@code
 * CallerScript.answerAfter(Duration.ofMillis(300))
 *     .thenSilence(Duration.ofSeconds(1))
 *     .thenSpeak(Duration.ofMillis(1500))
 *     .thenWaitForReply()
 *     .hangUpAfter(Duration.ofSeconds(2));
 * }</pre>
 *
 * The same script as text (for the standalone simulator and {@code POST /_sim/scripts}):
 * {@code answer after 300ms; silence 1s; speak 1.5s; wait-reply; hangup after 2s}.
 */
public final class CallerScript {

    /** How the call leg ends up before any audio flows. */
    public sealed interface Outcome permits Answer, Busy, NoAnswer, Fail {
    }

    /**
     * Picks up after ringing this long (no-answer instead if that exceeds the call's {@code Timeout}).
     * {@code answeredBy} is what Twilio's answering machine detection reports: {@code human}, or
     * {@code machine_start}, {@code machine_end_beep}, {@code fax} ... for a voicemail or fax line.
     */
    public record Answer(Duration after, String answeredBy) implements Outcome {

        public Answer(Duration after) {
            this(after, "human");
        }
    }

    /** Rejects as busy after ringing this long. */
    public record Busy(Duration after) implements Outcome {
    }

    /** Never picks up: the call rings until its {@code Timeout} and ends {@code no-answer}. */
    public record NoAnswer() implements Outcome {
    }

    /** The number cannot be reached: the call fails without ringing. */
    public record Fail() implements Outcome {
    }

    /** One thing the caller does once the stream runs; durations are rounded up to whole 20 ms frames. */
    public sealed interface Step permits Silence, Speak, Play, WaitUntilHeard, WaitForReply, Dtmf, HangUp {
    }

    public record Silence(Duration duration) implements Step {
    }

    /** A speech-like burst (no words) that any energy VAD detects from its first frame. */
    public record Speak(Duration duration) implements Step {
    }

    public record Play(AudioClip clip) implements Step {
    }

    /** Stays silent until the caller has heard at least this much outbound audio since the step began. */
    public record WaitUntilHeard(Duration audio) implements Step {
    }

    /** Stays silent until some outbound audio was heard since the step began and playback then stayed idle this long. */
    public record WaitForReply(Duration quietFor) implements Step {
    }

    /** Presses keys, 100 ms apart. */
    public record Dtmf(String digits) implements Step {
    }

    public record HangUp() implements Step {
    }

    static final Duration DEFAULT_RING = Duration.ofMillis(200);
    /** Twilio's {@code AnsweredBy} values for something other than a person. */
    static final List<String> MACHINE_ANSWERS = List.of("machine_start", "machine_end_beep", "machine_end_silence",
            "machine_end_other", "fax");
    static final Duration DEFAULT_QUIET = Duration.ofMillis(400);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");
    private static final Pattern DIGITS = Pattern.compile("[0-9*#wW]+");

    private final Outcome outcome;
    private final List<Step> steps;

    private CallerScript(Outcome outcome, List<Step> steps) {
        this.outcome = outcome;
        this.steps = List.copyOf(steps);
    }

    public static CallerScript answerAfter(Duration ring) {
        return new CallerScript(new Answer(nonNegative(ring)), List.of());
    }

    /** Answers after a short (200 ms) ring. */
    public static CallerScript answer() {
        return answerAfter(DEFAULT_RING);
    }

    /**
     * A machine answers after {@code ring}: the call is answered and its TwiML runs like any other, and
     * answering machine detection (if the call asked for it) reports {@code answeredBy}, e.g.
     * {@code machine_start}, {@code machine_end_beep} or {@code fax}.
     */
    public static CallerScript machineAnswers(String answeredBy, Duration ring) {
        if (!MACHINE_ANSWERS.contains(answeredBy)) {
            throw new IllegalArgumentException("answeredBy must be one of " + MACHINE_ANSWERS + ": " + answeredBy);
        }
        return new CallerScript(new Answer(nonNegative(ring), answeredBy), List.of());
    }

    public static CallerScript busy() {
        return busyAfter(Duration.ofSeconds(1));
    }

    public static CallerScript busyAfter(Duration ring) {
        return new CallerScript(new Busy(nonNegative(ring)), List.of());
    }

    public static CallerScript noAnswer() {
        return new CallerScript(new NoAnswer(), List.of());
    }

    public static CallerScript failed() {
        return new CallerScript(new Fail(), List.of());
    }

    public CallerScript thenSilence(Duration duration) {
        return then(new Silence(positive(duration)));
    }

    public CallerScript thenSpeak(Duration duration) {
        return then(new Speak(positive(duration)));
    }

    public CallerScript thenPlay(AudioClip clip) {
        return then(new Play(Objects.requireNonNull(clip, "clip")));
    }

    public CallerScript thenWaitUntilHeard(Duration audio) {
        return then(new WaitUntilHeard(positive(audio)));
    }

    /** Waits for a reply and 400 ms of quiet after it. */
    public CallerScript thenWaitForReply() {
        return thenWaitForReply(DEFAULT_QUIET);
    }

    public CallerScript thenWaitForReply(Duration quietFor) {
        return then(new WaitForReply(nonNegative(quietFor)));
    }

    public CallerScript thenDtmf(String digits) {
        if (digits == null || !DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("DTMF digits must match [0-9*#wW]+: " + digits);
        }
        return then(new Dtmf(digits));
    }

    public CallerScript thenHangUp() {
        return then(new HangUp());
    }

    public CallerScript hangUpAfter(Duration duration) {
        return thenSilence(duration).thenHangUp();
    }

    public Outcome outcome() {
        return outcome;
    }

    public List<Step> steps() {
        return steps;
    }

    /**
     * Reads the text form: an outcome ({@code answer [after D]}, {@code machine [ANSWERED_BY [after D]]}, {@code busy [after D]},
     * {@code no-answer}, {@code failed}) then steps separated by {@code ;} or new lines:
     * {@code silence D}, {@code speak D}, {@code play FILE}, {@code wait-heard D},
     * {@code wait-reply [D]}, {@code dtmf DIGITS}, {@code hangup [after D]}. D is like {@code 300ms} or {@code 1.5s}.
     */
    public static CallerScript parse(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split("[;\\n]")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty caller script");
        }
        CallerScript script = parseOutcome(parts.getFirst());
        for (String part : parts.subList(1, parts.size())) {
            script = script.parseStep(part);
        }
        return script;
    }

    @Override
    public String toString() {
        String head = switch (outcome) {
            case Answer a when !a.answeredBy().equals("human") -> "machine " + a.answeredBy() + " after " + format(a.after());
            case Answer a -> "answer after " + format(a.after());
            case Busy b -> "busy after " + format(b.after());
            case NoAnswer n -> "no-answer";
            case Fail f -> "failed";
        };
        return steps.stream().map(CallerScript::format).collect(Collectors.joining("; ", steps.isEmpty() ? head : head + "; ", ""));
    }

    private CallerScript then(Step step) {
        if (!(outcome instanceof Answer)) {
            throw new IllegalStateException("only an answered call has steps; outcome is " + outcome);
        }
        if (!steps.isEmpty() && steps.getLast() instanceof HangUp) {
            throw new IllegalStateException("nothing can follow a hang-up");
        }
        List<Step> next = new ArrayList<>(steps);
        next.add(step);
        return new CallerScript(outcome, next);
    }

    private static CallerScript parseOutcome(String part) {
        String[] words = part.split("\\s+");
        String verb = words[0].toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "answer" -> answerAfter(words.length == 1 ? DEFAULT_RING : after(part, words));
            case "busy" -> busyAfter(words.length == 1 ? Duration.ofSeconds(1) : after(part, words));
            case "no-answer" -> exactly(part, words, 1, noAnswer());
            case "failed" -> exactly(part, words, 1, failed());
            case "machine" -> machineAnswers(words.length > 1 ? words[1] : "machine_start", words.length > 2
                    ? after(part, java.util.Arrays.copyOfRange(words, 1, words.length)) : DEFAULT_RING);
            default -> throw new IllegalArgumentException("a caller script starts with answer, machine, busy, no-answer or failed: '" + part + "'");
        };
    }

    private CallerScript parseStep(String part) {
        String[] words = part.split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String argument = words.length > 1 ? words[1].trim() : null;
        return switch (verb) {
            case "silence" -> thenSilence(duration(required(part, argument)));
            case "speak" -> thenSpeak(duration(required(part, argument)));
            case "play" -> thenPlay(load(required(part, argument)));
            case "wait-heard" -> thenWaitUntilHeard(duration(required(part, argument)));
            case "wait-reply" -> argument == null ? thenWaitForReply() : thenWaitForReply(duration(argument));
            case "dtmf" -> thenDtmf(required(part, argument));
            case "hangup" -> argument == null ? thenHangUp() : hangUpAfter(after(part, part.split("\\s+")));
            default -> throw new IllegalArgumentException("unknown caller script step: '" + part + "'");
        };
    }

    private static Duration after(String part, String[] words) {
        if (words.length != 3 || !words[1].equalsIgnoreCase("after")) {
            throw new IllegalArgumentException("expected '<verb> after <duration>': '" + part + "'");
        }
        return duration(words[2]);
    }

    private static CallerScript exactly(String part, String[] words, int count, CallerScript script) {
        if (words.length != count) {
            throw new IllegalArgumentException("unexpected words in '" + part + "'");
        }
        return script;
    }

    private static String required(String part, String argument) {
        if (argument == null || argument.isEmpty()) {
            throw new IllegalArgumentException("missing argument: '" + part + "'");
        }
        return argument;
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (want e.g. 300ms or 1.5s): '" + text + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal millis = m.group(2).equals("s") ? amount.movePointRight(3) : amount;
        return Duration.ofMillis(millis.longValue());
    }

    private static AudioClip load(String file) {
        try {
            return AudioClip.load(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read caller audio " + file, e);
        }
    }

    private static String format(Duration d) {
        return d.toMillis() + "ms";
    }

    private static String format(Step step) {
        return switch (step) {
            case Silence s -> "silence " + format(s.duration());
            case Speak s -> "speak " + format(s.duration());
            case Play p -> "play <" + p.clip().durationMs() + "ms clip>";
            case WaitUntilHeard w -> "wait-heard " + format(w.audio());
            case WaitForReply w -> "wait-reply " + format(w.quietFor());
            case Dtmf d -> "dtmf " + d.digits();
            case HangUp h -> "hangup";
        };
    }

    private static Duration positive(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + d);
        }
        return d;
    }

    private static Duration nonNegative(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + d);
        }
        return d;
    }
}
