package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

/**
 * Step 2 for a call in the browser: what it needs, and where the microphone stands as the browser tells it. A
 * microphone that can't be used blocks Start, with how to fix it as the reason.
 */
class MicrophonePanel extends Div {

    final Paragraph state = new Paragraph();
    private final Runnable onChange;
    private MicrophonePermission permission = MicrophonePermission.UNKNOWN;
    /** A problem no retry can fix on this page (insecure page, no audio support), or null. */
    private MicrophoneProblem lasting;

    MicrophonePanel(Runnable onChange) {
        this.onChange = onChange;
        setId("microphone");
        addClassName("cc-microphone");
        Paragraph needs = new Paragraph("The AI talks through your speaker and listens through your microphone. "
                + "Headphones keep it from hearing itself.");
        needs.addClassName("cc-description");
        state.setId("microphone-state");
        state.getElement().setAttribute("role", "status");
        state.getElement().setAttribute("aria-live", "polite");
        add(needs, state);
        show();
    }

    void permission(MicrophonePermission now) {
        permission = now;
        show();
        onChange.run();
    }

    void unavailable(MicrophoneProblem problem) {
        lasting = problem;
        show();
        onChange.run();
    }

    /** Why a call in the browser can't start: how to fix the microphone, or null when nothing stands in the way. */
    String blockedReason() {
        if (lasting != null) {
            return lasting.message();
        }
        return permission == MicrophonePermission.DENIED ? MicrophoneProblem.DENIED.message() : null;
    }

    private void show() {
        boolean bad = lasting != null || permission == MicrophonePermission.DENIED;
        state.setText(lasting != null ? "Microphone: can't be used on this page."
                : switch (permission) {
                    case GRANTED -> "Microphone: allowed.";
                    case DENIED -> "Microphone: blocked for this site.";
                    case PROMPT, UNKNOWN -> "Microphone: your browser asks for it when you start.";
                });
        state.setClassName("cc-good", !bad && permission == MicrophonePermission.GRANTED);
        state.setClassName("cc-bad", bad);
    }
}
