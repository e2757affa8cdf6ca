package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;

import java.util.Optional;

/**
 * Step 3: consent, the human check when it is on, and the Call button with the reason it is off. The button
 * and its reason stay in sight at the bottom of the screen while the form is, so on a phone it is never
 * screens away.
 */
class CallStep extends Section {

    final Checkbox consent = new Checkbox("This is my number and I agree to receive an AI practice call");
    final Button call = new Button("Call me now");
    final Paragraph blockedReason = new Paragraph();
    final Paragraph refusal = new Paragraph();
    /** The button and its reason; placed after the steps, where it can stick to the bottom of the screen. */
    final Div bar;

    CallStep(HumanCheck humanCheck, Runnable onChange, Runnable onCall) {
        addClassName("cc-step");
        consent.setId("consent");
        consent.addValueChangeListener(change -> onChange.run());

        call.setId("call-button");
        // Off at once in the browser too, so a double click can't ask twice; show() turns it back on.
        call.setDisableOnClick(true);
        call.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        call.addClickListener(click -> onCall.run());
        blockedReason.setId("call-blocked-reason");
        blockedReason.addClassName("cc-blocked-reason");
        blockedReason.getElement().setAttribute("aria-live", "polite");
        call.getElement().setAttribute("aria-describedby", "call-blocked-reason");
        refusal.setId("call-refusal");
        refusal.addClassName("cc-refusal");
        refusal.getElement().setAttribute("role", "alert");
        refusal.setVisible(false);

        bar = new Div(call, blockedReason);
        bar.addClassName("cc-call-bar");
        add(new H2("3. Get the call"), consent);
        if (humanCheck != null) {
            add(humanCheck);
        }
        add(refusal);
    }

    /** Enables the button, or says why not. */
    void show(Optional<String> reason, boolean placing) {
        call.setEnabled(reason.isEmpty());
        call.setText(placing ? "Calling…" : "Call me now");
        blockedReason.setText(reason.orElse(""));
        blockedReason.setVisible(reason.isPresent());
    }

    void refuse(String message) {
        refusal.setText(message);
        refusal.setVisible(message != null);
    }
}
