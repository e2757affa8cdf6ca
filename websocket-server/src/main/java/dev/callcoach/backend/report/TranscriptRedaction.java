package dev.callcoach.backend.report;

import dev.callcoach.contracts.channel.TranscriptLine;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything in a transcript that could be a phone number (seven or more digits, with the spaces,
 * dots, dashes and brackets people put between them) before it is stored or sent to the grader: a caller
 * may say their own number, and numbers are never stored in plain text.
 */
final class TranscriptRedaction {

    static final String MASK = "•••";
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\(?\\d[\\d\\s().-]*\\d");
    private static final int MIN_DIGITS = 7;

    private TranscriptRedaction() {
    }

    static List<TranscriptLine> redact(List<TranscriptLine> lines) {
        return lines.stream().map(line -> new TranscriptLine(line.speaker(), redact(line.text()), line.offsetMs())).toList();
    }

    static String redact(String text) {
        Matcher run = DIGIT_RUN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (run.find()) {
            long digits = run.group().chars().filter(Character::isDigit).count();
            run.appendReplacement(out, digits >= MIN_DIGITS ? MASK : Matcher.quoteReplacement(run.group()));
        }
        run.appendTail(out);
        return out.toString();
    }
}
