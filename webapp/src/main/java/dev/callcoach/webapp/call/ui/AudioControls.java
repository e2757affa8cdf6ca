package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.util.function.Consumer;

/**
 * The microphone during a call in the browser: how loud it hears you, and mute. The browser script draws the
 * level itself, many times a second, without a round trip to this server.
 */
class AudioControls extends Div {

    /** The level meter; its one child is the bar the script scales. */
    final Div meter = new Div();
    final Button mute = new Button("Mute");
    private final Consumer<Boolean> onMute;
    private boolean muted;

    AudioControls(Consumer<Boolean> onMute) {
        this.onMute = onMute;
        setId("audio-controls");
        addClassName("cc-audio");
        Span label = new Span("Your microphone");
        label.setId("mic-label");
        label.addClassName("cc-audio-label");
        meter.setId("mic-level");
        meter.addClassName("cc-meter");
        meter.getElement().setAttribute("role", "meter");
        meter.getElement().setAttribute("aria-labelledby", "mic-label");
        meter.getElement().setAttribute("aria-valuemin", "0");
        meter.getElement().setAttribute("aria-valuemax", "100");
        meter.getElement().setAttribute("aria-valuenow", "0");
        Div fill = new Div();
        fill.addClassName("cc-meter-fill");
        meter.add(fill);
        mute.setId("mute");
        mute.addClickListener(click -> toggle());
        add(label, meter, mute);
        show();
    }

    /** Unmuted, for a new call. */
    void reset() {
        muted = false;
        show();
    }

    boolean muted() {
        return muted;
    }

    private void toggle() {
        muted = !muted;
        show();
        onMute.accept(muted);
    }

    private void show() {
        mute.setText(muted ? "Unmute" : "Mute");
        mute.getElement().setAttribute("aria-pressed", Boolean.toString(muted));
        setClassName("cc-muted", muted);
    }
}
