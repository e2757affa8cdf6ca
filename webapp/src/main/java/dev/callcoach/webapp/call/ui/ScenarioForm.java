package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldBase;
import dev.callcoach.contracts.scenario.FieldError;
import dev.callcoach.contracts.scenario.FieldType;
import dev.callcoach.contracts.scenario.Scenario;
import dev.callcoach.contracts.scenario.ScenarioConfigValidator;
import dev.callcoach.contracts.scenario.ScenarioField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario's form, built from its schema, plus the voice choice. Validated with the shared
 * {@link ScenarioConfigValidator} as the person types; a field shows its problem once it has been touched,
 * so an untouched form is not a wall of red.
 */
class ScenarioForm extends FormLayout {

    final Select<String> voice = new Select<>();
    private final Scenario scenario;
    private final Map<String, Component> inputs = new LinkedHashMap<>();
    private final Paragraph formError = new Paragraph();
    private final Set<String> touched = new HashSet<>();
    private final Runnable onChange;

    ScenarioForm(Scenario scenario, Runnable onChange) {
        this.scenario = scenario;
        this.onChange = onChange;
        addClassName("cc-scenario-form");
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("32em", 2));
        for (ScenarioField field : scenario.fields()) {
            Component input = FieldInputs.of(field);
            inputs.put(field.key(), input);
            add(input);
            if (field.type() == FieldType.TEXTAREA) {
                setColspan(input, 2);
            }
            watch(field.key(), input);
        }
        voice.setId("voice");
        voice.setLabel("AI voice");
        voice.setItems(scenario.voices());
        voice.setItemLabelGenerator(Voices::describe);
        voice.setValue(scenario.defaultVoice());
        voice.setRequiredIndicatorVisible(true);
        watch(FieldError.VOICE, voice);
        add(voice);
        formError.addClassName("cc-error-text");
        formError.setVisible(false);
        add(formError);
        setColspan(formError, 2);
    }

    Scenario scenario() {
        return scenario;
    }

    /** The form's values by field key; blank inputs are left out, booleans are always there. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        inputs.forEach((key, input) -> {
            String value = switch (input) {
                case Checkbox checkbox -> Boolean.toString(checkbox.getValue());
                case Select<?> select -> (String) select.getValue();
                case TextField text -> text.getValue();
                case TextArea text -> text.getValue();
                default -> throw new IllegalStateException("unexpected input " + input.getClass());
            };
            if (value != null && !value.isBlank()) {
                values.put(key, value);
            }
        });
        return values;
    }

    /** Everything wrong with the form now, touched or not. */
    List<FieldError> errors() {
        return ScenarioConfigValidator.validate(scenario, values(), voice.getValue());
    }

    /** Labels of the fields (and "AI voice") with a problem now, in form order. */
    List<String> problemLabels() {
        List<FieldError> errors = errors();
        List<String> labels = new ArrayList<>();
        for (ScenarioField field : scenario.fields()) {
            if (errors.stream().anyMatch(e -> e.key().equals(field.key()))) {
                labels.add(field.label());
            }
        }
        if (errors.stream().anyMatch(e -> e.key().equals(FieldError.VOICE))) {
            labels.add(voice.getLabel());
        }
        if (labels.isEmpty() && !errors.isEmpty()) {
            labels.add("the form as a whole");
        }
        return labels;
    }

    /** The input for a field key; for tests. */
    Component input(String key) {
        return inputs.get(key);
    }

    private void watch(String key, Component input) {
        ((HasValue<?, ?>) input).addValueChangeListener(change -> {
            if (input instanceof TextFieldBase<?, ?> text) {
                scenario.field(key).ifPresent(field -> FieldInputs.count(field, text));
            }
            touched.add(key);
            showErrors();
            onChange.run();
        });
    }

    private void showErrors() {
        List<FieldError> errors = errors();
        inputs.forEach((key, input) -> mark(key, input, errors));
        mark(FieldError.VOICE, voice, errors);
        String formProblem = errors.stream().filter(e -> e.key().equals(FieldError.CONFIG))
                .map(FieldError::message).findFirst().orElse(null);
        formError.setText(formProblem == null ? "" : formProblem);
        formError.setVisible(formProblem != null);
    }

    private void mark(String key, Component input, List<FieldError> errors) {
        if (!(input instanceof HasValidation validated)) {
            return;
        }
        String message = touched.contains(key)
                ? errors.stream().filter(e -> e.key().equals(key)).map(FieldError::message).findFirst().orElse(null)
                : null;
        validated.setErrorMessage(message);
        validated.setInvalid(message != null);
    }
}
