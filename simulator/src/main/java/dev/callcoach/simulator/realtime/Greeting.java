package dev.callcoach.simulator.realtime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The opening line instructions ask the model to say: the first double-quoted text after the word
 * "saying" (e.g. {@code Open the call by saying: "Hi, this is Alex."}), with {@code \"} and {@code \\}
 * unescaped. A stand-in for understanding the instructions, good enough to make a simulated call open
 * the way its scenario does.
 */
final class Greeting {

    private static final Pattern QUOTED_AFTER_SAYING = Pattern.compile("(?is)\\bsaying\\b[^\"]{0,200}\"((?:[^\"\\\\]|\\\\.){1,1000})\"");

    private Greeting() {
    }

    static Optional<String> in(String instructions) {
        if (instructions == null) {
            return Optional.empty();
        }
        Matcher matcher = QUOTED_AFTER_SAYING.matcher(instructions);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String line = matcher.group(1).replaceAll("\\\\(.)", "$1").strip();
        return line.isEmpty() ? Optional.empty() : Optional.of(line);
    }
}
