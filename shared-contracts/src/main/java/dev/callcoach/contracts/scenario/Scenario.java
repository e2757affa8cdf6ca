package dev.callcoach.contracts.scenario;

import dev.callcoach.contracts.internal.Require;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A practice scenario as the webapp offers it: what it is, the form the caller fills in, and the AI voices
 * to choose from. The prompt behind it stays in the backend.
 *
 * @param id           stable identifier: lower-case letters, digits and '-', at most {@link #MAX_ID_LENGTH}
 * @param name         short title
 * @param description  a few sentences on what the call will be like
 * @param fields       the form, in display order, at most {@link #MAX_FIELDS}, keys unique
 * @param voices       the voices the caller may pick (OpenAI Realtime voice names), at least one, unique
 * @param defaultVoice the preselected voice, one of {@code voices}
 */
public record Scenario(
        String id,
        String name,
        String description,
        List<ScenarioField> fields,
        List<String> voices,
        String defaultVoice) {

    /** Longest scenario id. */
    public static final int MAX_ID_LENGTH = 64;
    /** Most fields in one scenario's form. */
    public static final int MAX_FIELDS = 32;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_DESCRIPTION_LENGTH = 2000;
    private static final int MAX_VOICE_LENGTH = 64;

    public Scenario {
        Require.text(id, "id", MAX_ID_LENGTH);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "scenario id '" + id + "' must be lower-case letters, digits and '-', starting with a letter or digit");
        }
        Require.text(name, "name", MAX_NAME_LENGTH);
        Require.text(description, "description", MAX_DESCRIPTION_LENGTH);
        fields = Require.list(fields, "fields");
        if (fields.size() > MAX_FIELDS) {
            throw new IllegalArgumentException(
                    "scenario '" + id + "' has " + fields.size() + " fields, at most " + MAX_FIELDS + " are allowed");
        }
        Set<String> keys = new HashSet<>();
        for (ScenarioField field : fields) {
            if (!keys.add(field.key())) {
                throw new IllegalArgumentException("scenario '" + id + "' has two fields with key '" + field.key() + "'");
            }
        }
        voices = Require.list(voices, "voices");
        if (voices.isEmpty()) {
            throw new IllegalArgumentException("scenario '" + id + "' needs at least one voice");
        }
        Set<String> seenVoices = new HashSet<>();
        for (String voice : voices) {
            Require.text(voice, "voices", MAX_VOICE_LENGTH);
            if (!seenVoices.add(voice)) {
                throw new IllegalArgumentException("scenario '" + id + "' lists voice '" + voice + "' twice");
            }
        }
        Require.text(defaultVoice, "defaultVoice", MAX_VOICE_LENGTH);
        if (!voices.contains(defaultVoice)) {
            throw new IllegalArgumentException(
                    "scenario '" + id + "': defaultVoice '" + defaultVoice + "' is not one of its voices " + voices);
        }
    }

    /** The field with this key, if the scenario has one. */
    public Optional<ScenarioField> field(String key) {
        return fields.stream().filter(field -> field.key().equals(key)).findFirst();
    }
}
