package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import dev.callcoach.webapp.call.service.CallAvailability;

/**
 * What holds for the whole page, above the steps: demo mode or phone calls not set up (news only while phone
 * calls are chosen), and whether the call service can be reached. An outage is a problem of the page, not of
 * step 1, and is said in the error colour.
 */
class Notices extends Div {

    final Paragraph notice = new Paragraph();
    final Paragraph outage = new Paragraph();
    private final CallAvailability availability;

    Notices(CallAvailability availability) {
        this.availability = availability;
        addClassName("cc-notices");
        notice.setId("notice");
        if (!availability.configured()) {
            notice.setText("Calling isn't set up on this server yet: no Twilio account is configured, so no phone "
                    + "can be called. You can practice in your browser instead.");
        } else if (availability.simulated()) {
            notice.setText("Demo mode: calls go to a simulated phone network, so no real phone rings. "
                    + "A simulated caller answers and speaks a few canned lines.");
        }
        notice.addClassName(availability.configured() ? "cc-notice" : "cc-notice-warning");
        outage.setId("service-outage");
        outage.addClassName("cc-notice-warning");
        outage.getElement().setAttribute("role", "alert");
        outage.setVisible(false);
        add(notice, outage);
    }

    /** A call in the browser rings no phone, simulated or not: the phone's news is for phone calls only. */
    void mode(PracticeMode mode) {
        notice.setVisible(mode == PracticeMode.PHONE && (!availability.configured() || availability.simulated()));
    }

    CallAvailability availability() {
        return availability;
    }

    void serviceUnreachable(String message) {
        outage.setText(message + " The page picks up again by itself once it is back.");
        outage.setVisible(true);
    }

    void serviceReachable() {
        outage.setVisible(false);
    }
}
