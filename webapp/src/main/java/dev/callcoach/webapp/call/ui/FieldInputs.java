package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldBase;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.callcoach.contracts.scenario.FieldType;
import dev.callcoach.contracts.scenario.ScenarioField;

/**
 * Inputs for scenario fields, built from the schema. Examples read as examples ("e.g. …"), and text shows
 * how many characters it has against its limit, since nothing is ever cut without a word.
 */
final class FieldInputs {

    /** Pause in typing after which a text field's value reaches the server. */
    private static final int TYPING_PAUSE_MS = 300;

    private FieldInputs() {
    }

    /** The input for a field: labelled, with its help, example and rules. */
    static Component of(ScenarioField field) {
        Component input = switch (field.type()) {
            // No maxlength: the browser would cut pasted text silently. The counter and the shared rules say it.
            case TEXT -> configure(new TextField(field.label()), field);
            case TEXTAREA -> configure(new TextArea(field.label()), field);
            case NUMBER -> {
                // A text field, not an IntegerField: "must be a whole number" then comes from the shared rules.
                TextField number = configure(new TextField(field.label()), field);
                number.getElement().setAttribute("inputmode", "numeric");
                yield number;
            }
            case SELECT -> {
                Select<String> select = new Select<>();
                select.setLabel(field.label());
                select.setItems(field.options());
                select.setEmptySelectionAllowed(!field.required());
                select.setEmptySelectionCaption("(none)");
                select.setRequiredIndicatorVisible(field.required());
                if (field.placeholder() != null) {
                    select.setPlaceholder(field.placeholder());
                }
                select.setHelperText(field.help());
                yield select;
            }
            case BOOLEAN -> {
                Checkbox checkbox = new Checkbox(field.label());
                checkbox.setHelperText(field.help());
                yield checkbox;
            }
        };
        input.setId("field-" + field.key());
        return input;
    }

    private static <T extends TextFieldBase<T, String>> T configure(T text, ScenarioField field) {
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setValueChangeTimeout(TYPING_PAUSE_MS);
        text.setRequiredIndicatorVisible(field.required());
        // Our messages come from the shared validator; the component's own checks would contradict them.
        text.setManualValidation(true);
        text.setPlaceholder(example(field.placeholder()));
        text.setHelperText(field.help());
        count(field, text);
        return text;
    }

    /** Placeholders are examples and must read as such, not as filled-in values. */
    static String example(String placeholder) {
        if (placeholder == null || placeholder.isBlank()) {
            return null;
        }
        return placeholder.regionMatches(true, 0, "e.g.", 0, 4) ? placeholder : "e.g. " + placeholder;
    }

    /** The help text, with "12 of 600 characters" for text: nothing is ever cut without a word. */
    static void count(ScenarioField field, TextFieldBase<?, ?> text) {
        if (field.type() == FieldType.NUMBER) {
            return;
        }
        int max = field.maxLength() == null ? ScenarioField.MAX_VALUE_LENGTH : field.maxLength();
        String value = String.valueOf(text.getValue());
        String counter = value.codePointCount(0, value.length()) + " of " + max + " characters";
        text.setHelperText(field.help() == null ? counter : field.help() + " · " + counter);
    }
}
