package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import dev.callcoach.contracts.channel.CallStatus;

import java.util.List;

/**
 * queued → ringing → in progress → how it ended. Only moves forward: Twilio's callbacks may arrive out of
 * order, and a late "ringing" must not undo "in progress".
 */
class StatusTimeline extends OrderedList {

    private static final List<String> STEPS = List.of("Queued", "Ringing", "In progress", "Completed");
    private static final int LAST = STEPS.size() - 1;

    private final List<ListItem> items;
    private CallStatus status = CallStatus.QUEUED;

    StatusTimeline() {
        setId("call-timeline");
        addClassName("cc-timeline");
        getElement().setAttribute("aria-label", "Call progress");
        items = STEPS.stream().map(ListItem::new).toList();
        items.forEach(this::add);
        render();
    }

    /** Moves to the status if it is further along; returns whether it did. */
    boolean advance(CallStatus next) {
        if (status.isTerminal() || (!next.isTerminal() && step(next) <= step(status))) {
            return false;
        }
        status = next;
        render();
        return true;
    }

    /** Back to the start, for the next call. */
    void reset() {
        status = CallStatus.QUEUED;
        render();
    }

    CallStatus status() {
        return status;
    }

    /** The label of each step as shown, in order. */
    List<String> labels() {
        return items.stream().map(ListItem::getText).toList();
    }

    private void render() {
        int current = step(status);
        for (int i = 0; i < items.size(); i++) {
            ListItem item = items.get(i);
            item.removeClassNames("done", "current", "failed");
            item.getElement().removeAttribute("aria-current");
            if (i < current || (i == current && status == CallStatus.COMPLETED)) {
                item.addClassName("done");
            } else if (i == current) {
                item.addClassName(status.isTerminal() ? "failed" : "current");
                item.getElement().setAttribute("aria-current", "step");
            }
        }
        items.get(LAST).setText(status.isTerminal() ? outcome(status) : STEPS.get(LAST));
        // For the browser tests: where the call stands, in the protocol's spelling.
        getElement().setAttribute("data-status", status.wireName());
    }

    private static int step(CallStatus status) {
        return switch (status) {
            case RESERVED, QUEUED, INITIATED -> 0;
            case RINGING -> 1;
            case IN_PROGRESS -> 2;
            case COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED, RELEASED -> LAST;
        };
    }

    static String outcome(CallStatus status) {
        return switch (status) {
            case COMPLETED -> "Completed";
            case BUSY -> "Busy";
            case NO_ANSWER -> "No answer";
            case FAILED -> "Failed";
            case CANCELED -> "Canceled";
            case RELEASED -> "Not placed";
            default -> STEPS.get(LAST);
        };
    }
}
