package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import dev.callcoach.contracts.channel.CallStatus;

import java.util.List;

/**
 * queued → ringing → in progress → how it ended; in the browser, where nothing rings, connecting → in progress →
 * how it ended. Only moves forward: Twilio's callbacks may arrive out of order, and a late "ringing" must not
 * undo "in progress". A step the call never reached is never shown as done: a call cancelled while ringing
 * skips "In progress".
 */
class StatusTimeline extends OrderedList {

    private static final List<String> PHONE_STEPS = List.of("Queued", "Ringing", "In progress", "Ended");
    private static final List<String> BROWSER_STEPS = List.of("Connecting", "In progress", "Ended");

    private List<String> steps;
    private List<ListItem> items;
    private PracticeMode mode;
    private CallStatus status = CallStatus.QUEUED;
    /** The furthest step reached before the end. */
    private int reached;
    private CallEnding ending;
    /** Whether {@link #ending} is the backend's reason, not only Twilio's final status. */
    private boolean explained;

    StatusTimeline() {
        setId("call-timeline");
        addClassName("cc-timeline");
        getElement().setAttribute("aria-label", "Call progress");
        reset(PracticeMode.PHONE);
    }

    /** Moves to a status that is further along; returns whether it did. Final statuses go to {@link #end}. */
    boolean advance(CallStatus next) {
        if (ending != null || next.isTerminal() || step(next) <= step(status)) {
            return false;
        }
        status = next;
        reached = step(next);
        render();
        return true;
    }

    /**
     * Shows how the call ended; returns whether the ending shown changed. A lost connection is not an
     * ending, only the lack of one: the real ending replaces it should it still arrive. The backend's
     * reason replaces an ending told by Twilio's status alone, whichever of the two arrives first, and a
     * final status that arrives after the reason still moves the status on.
     *
     * @param explained whether the ending comes from the backend's reason rather than a final status
     */
    boolean end(CallStatus last, CallEnding how, boolean explained) {
        boolean replace = ending == null || ending == CallEnding.CONNECTION_LOST || (explained && !this.explained);
        if (replace || last.isTerminal()) {
            status = last;
        }
        if (replace) {
            ending = how;
            this.explained = explained;
        }
        render();
        return replace;
    }

    /** Back to the start, for the next call, which is practiced this way. */
    void reset(PracticeMode next) {
        if (next != mode) {
            mode = next;
            steps = next == PracticeMode.PHONE ? PHONE_STEPS : BROWSER_STEPS;
            items = steps.stream().map(ListItem::new).toList();
            removeAll();
            items.forEach(this::add);
        }
        status = CallStatus.QUEUED;
        reached = 0;
        ending = null;
        explained = false;
        render();
    }

    CallStatus status() {
        return status;
    }

    /** How the call ended, or null while it goes on. */
    CallEnding ending() {
        return ending;
    }

    /** The label of each step as shown, in order. */
    List<String> labels() {
        return items.stream().map(ListItem::getText).toList();
    }

    private void render() {
        int last = items.size() - 1;
        for (int i = 0; i < items.size(); i++) {
            ListItem item = items.get(i);
            item.removeClassNames("done", "current", "failed", "skipped");
            item.getElement().removeAttribute("aria-current");
            String state = state(i);
            item.addClassName(state);
            if (state.equals("current") || (i == last && ending != null)) {
                item.getElement().setAttribute("aria-current", "step");
            }
        }
        items.get(last).setText(ending == null ? steps.get(last) : ending.label(mode));
        // For the browser tests: where the call stands, in the protocol's spelling, and how it ended.
        getElement().setAttribute("data-status", status.wireName());
        getElement().setAttribute("data-ending", ending == null ? "" : ending.name().toLowerCase());
    }

    private String state(int index) {
        if (ending == null) {
            return index < reached ? "done" : index == reached ? "current" : "pending";
        }
        if (index == items.size() - 1) {
            return ending.good() ? "done" : "failed";
        }
        return index <= reached ? "done" : "skipped";
    }

    private int step(CallStatus status) {
        int ringing = mode == PracticeMode.PHONE ? 1 : 0;
        return switch (status) {
            case RESERVED, QUEUED, INITIATED -> 0;
            case RINGING -> ringing;
            case IN_PROGRESS -> ringing + 1;
            case COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED, RELEASED -> items.size() - 1;
        };
    }
}
