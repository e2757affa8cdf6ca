package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;

import java.util.function.Consumer;

/**
 * Step 2: how to practice, phoned or in the browser, and what that way needs: a number, or a microphone. The
 * network's limit holds for both, so the limits stay in sight either way.
 */
class ModeStep extends Section {

    final RadioButtonGroup<PracticeMode> mode = new RadioButtonGroup<>("How do you want to practice?");
    private final PhoneInput phone;
    private final MicrophonePanel microphone;
    private final LimitsPanel limits;

    ModeStep(PracticeMode initial, PhoneInput phone, MicrophonePanel microphone, LimitsPanel limits,
             Consumer<PracticeMode> onChange) {
        this.phone = phone;
        this.microphone = microphone;
        this.limits = limits;
        addClassName("cc-step");
        mode.setId("practice-mode");
        mode.setItems(PracticeMode.values());
        mode.setItemLabelGenerator(PracticeMode::label);
        mode.setValue(initial);
        mode.addValueChangeListener(change -> {
            if (change.getValue() == null) {
                mode.setValue(change.getOldValue());
                return;
            }
            show();
            onChange.accept(change.getValue());
        });
        add(new H2("2. How you practice"), mode, phone, microphone, limits);
        show();
    }

    PracticeMode mode() {
        return mode.getValue();
    }

    private void show() {
        PracticeMode now = mode();
        phone.setVisible(now == PracticeMode.PHONE);
        microphone.setVisible(now == PracticeMode.BROWSER);
        limits.mode(now);
    }
}
