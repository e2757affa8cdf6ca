package dev.callcoach.backend.scenario;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code {{fieldKey}}} placeholders. What replaces a placeholder is up to the caller of
 * {@link #render}, so caller-typed values can be quoted and escaped; the template text itself is the
 * scenario author's and is trusted.
 */
final class PromptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

    private final String text;
    private final Set<String> keys;

    PromptTemplate(String text) {
        this.text = text;
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        String rest = PLACEHOLDER.matcher(text).replaceAll("");
        if (rest.contains("{{") || rest.contains("}}")) {
            throw new IllegalArgumentException("has a malformed placeholder; write {{fieldKey}}");
        }
        this.keys = Set.copyOf(found);
    }

    /** The field keys the template refers to. */
    Set<String> keys() {
        return keys;
    }

    /** Replaces each placeholder with {@code value.apply(key)}, taken literally. */
    String render(Function<String, String> value) {
        return PLACEHOLDER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(value.apply(match.group(1))));
    }

    /** Convenience for tests and plain substitution. */
    String render(Map<String, String> values) {
        return render(key -> values.getOrDefault(key, ""));
    }
}
