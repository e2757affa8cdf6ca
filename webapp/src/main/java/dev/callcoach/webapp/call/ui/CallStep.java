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
 * Step 3: for a phone call the consent, the human check when it is on, and the Call button; for a call in the
 * browser the human check and the Start button. The button and the reason it is off stay in sight at the
 * bottom of the screen while the form is, so on a phone it is never screens away.
 */
class CallStep extends Section {

    final H2 heading = new H2();
    final Checkbox consent = new Checkbox("This is my number and I agree to receive an AI practice call");
    final Button call = new Button("Call me now");
    /** Starts a call in the browser; the browser script also listens to its clicks, to ask for the microphone. */
    final Button start = new Button("Start the call");
    final Paragraph blockedReason = new Paragraph();
    final Paragraph refusal = new Paragraph();
    /** The buttons and the reason; placed after the steps, where it can stick to the bottom of the screen. */
    final Div bar;
    private final boolean humanCheckShown;
    private PracticeMode mode = PracticeMode.PHONE;

    CallStep(HumanCheck humanCheck, Runnable onChange, Runnable onCall, Runnable onStart) {
        humanCheckShown = humanCheck != null;
        addClassName("cc-step");
        consent.setId("consent");
        consent.addValueChangeListener(change -> onChange.run());

        call.setId("call-button");
        start.setId("start-button");
        for (Button button : new Button[] {call, start}) {
            // Off at once in the browser too, so a double click can't ask twice; show() turns it back on.
            button.setDisableOnClick(true);
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
            button.getElement().setAttribute("aria-describedby", "call-blocked-reason");
        }
        call.addClickListener(click -> onCall.run());
        start.addClickListener(click -> onStart.run());
        blockedReason.setId("call-blocked-reason");
        blockedReason.addClassName("cc-blocked-reason");
        blockedReason.getElement().setAttribute("aria-live", "polite");
        refusal.setId("call-refusal");
        refusal.addClassName("cc-refusal");
        refusal.getElement().setAttribute("role", "alert");
        refusal.setVisible(false);

        bar = new Div(call, start, blockedReason);
        bar.addClassName("cc-call-bar");
        add(heading, consent);
        if (humanCheck != null) {
            add(humanCheck);
        }
        add(refusal);
        mode(mode);
    }

    /** Shows what this way of practicing asks for; a phone call needs consent to be phoned, the browser none. */
    void mode(PracticeMode now) {
        mode = now;
        boolean phone = now == PracticeMode.PHONE;
        heading.setText(phone ? "3. Get the call" : "3. Start the call");
        consent.setVisible(phone);
        call.setVisible(phone);
        start.setVisible(!phone);
        showStep();
    }

    /** The button of the mode in hand. */
    Button button() {
        return mode == PracticeMode.PHONE ? call : start;
    }

    /** Enables the button, or says why not. */
    void show(Optional<String> reason, boolean placing) {
        button().setEnabled(reason.isEmpty());
        call.setText(placing ? "Calling…" : "Call me now");
        start.setText(placing ? "Starting…" : "Start the call");
        blockedReason.setText(reason.orElse(""));
        blockedReason.setVisible(reason.isPresent());
    }

    void refuse(String message) {
        refusal.setText(message);
        refusal.setVisible(message != null);
        showStep();
    }

    /** In the browser, without a human check, the step only has something to say when a start was refused. */
    private void showStep() {
        setVisible(mode == PracticeMode.PHONE || humanCheckShown || refusal.isVisible());
    }
}
