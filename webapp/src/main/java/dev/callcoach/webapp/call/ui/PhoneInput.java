package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.Autocomplete;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.callcoach.contracts.phone.LineType;
import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.contracts.phone.PhoneRefusal;
import dev.callcoach.contracts.phone.PhoneRules;
import dev.callcoach.webapp.base.Regions;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Country and number, checked with the shared phone rules as the person types. The number is never echoed
 * back: the helper text names the kind of line instead. A number in international form sets the country,
 * so the two never disagree.
 */
class PhoneInput extends Div {

    private static final int TYPING_PAUSE_MS = 300;
    private static final Map<String, String> EXAMPLES = Map.of(
            "US", "(201) 555-0123", "AU", "0412 345 678", "IN", "081234 56789");

    final Select<String> country = new Select<>();
    final TextField number = new TextField("Phone number");
    private final PhoneRules rules;
    private final Consumer<PhoneCheck> onChange;
    private PhoneCheck check;
    private boolean blurred;

    PhoneInput(PhoneRules rules, String initialRegion, Consumer<PhoneCheck> onChange) {
        this.rules = rules;
        this.onChange = onChange;
        addClassName("cc-phone");
        List<String> regions = rules.allowedRegions();
        country.setId("phone-country");
        country.setLabel("Country");
        country.setItems(regions);
        country.setItemLabelGenerator(Regions::nameWithCallingCode);
        country.setValue(regions.contains(initialRegion) ? initialRegion : regions.getFirst());
        country.addValueChangeListener(change -> {
            number.setPlaceholder(EXAMPLES.get(change.getValue()));
            recheck();
        });

        number.setId("phone-number");
        number.setPlaceholder(EXAMPLES.get(country.getValue()));
        number.setAutocomplete(Autocomplete.TEL);
        number.getElement().setAttribute("inputmode", "tel");
        number.setRequiredIndicatorVisible(true);
        number.setManualValidation(true);
        number.setValueChangeMode(ValueChangeMode.LAZY);
        number.setValueChangeTimeout(TYPING_PAUSE_MS);
        number.setMaxLength(PhoneRules.MAX_INPUT_LENGTH);
        number.setHelperText("National form, or international starting with +");
        number.addValueChangeListener(change -> recheck());
        number.addBlurListener(blur -> {
            blurred = true;
            show();
        });

        Div row = new Div(country, number);
        row.addClassName("cc-phone-row");
        add(row);
        check = rules.check("", country.getValue());
    }

    /** The verdict on what is entered now. */
    PhoneCheck check() {
        return check;
    }

    private void recheck() {
        check = rules.check(number.getValue(), country.getValue());
        if (check instanceof PhoneCheck.Valid valid && !valid.region().equals(country.getValue())
                && country.getListDataView().contains(valid.region())) {
            // Its listener checks again, now with the country the number names.
            country.setValue(valid.region());
            return;
        }
        show();
        onChange.accept(check);
    }

    private void show() {
        switch (check) {
            case PhoneCheck.Valid valid -> {
                number.setInvalid(false);
                number.setHelperText(lineLabel(valid.lineType()) + " in " + Regions.name(valid.region()));
            }
            case PhoneCheck.Invalid invalid -> {
                // "Enter a phone number" only once the person has left the field empty, not while arriving.
                boolean show = invalid.reason() != PhoneRefusal.EMPTY || blurred;
                number.setErrorMessage(show ? invalid.message() : null);
                number.setInvalid(show);
                number.setHelperText("National form, or international starting with +");
            }
        }
    }

    private static String lineLabel(LineType type) {
        return switch (type) {
            case MOBILE -> "Mobile number";
            case FIXED_LINE -> "Landline number";
            case FIXED_LINE_OR_MOBILE -> "Phone number";
        };
    }
}
