package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation as chat bubbles, the AI on one side and the caller on the other. A line's partial
 * transcripts replace each other in one bubble until its final text arrives.
 */
class TranscriptView extends Div {

    private static final String WAITING = "The conversation will appear here once you pick up.";

    private final Paragraph empty = new Paragraph(WAITING);
    private final Map<String, Bubble> byItem = new HashMap<>();
    private Bubble last;

    TranscriptView() {
        addClassName("cc-transcript");
        getElement().setAttribute("role", "log");
        getElement().setAttribute("aria-live", "polite");
        getElement().setAttribute("aria-label", "Transcript");
        empty.addClassName("cc-transcript-empty");
        add(empty);
    }

    void show(TranscriptEvent line) {
        if (line.text().isBlank() && !line.isFinal()) {
            return;
        }
        Bubble bubble = bubbleFor(line);
        bubble.update(line.text(), line.isFinal());
    }

    /** The call is over; without an answer there was no conversation, and the page must not promise one. */
    void ended(boolean answered) {
        empty.setText(answered ? "Nothing was said." : "No conversation: the call was never answered.");
    }

    void clear() {
        empty.setText(WAITING);
        removeAll();
        byItem.clear();
        last = null;
        add(empty);
    }

    /** Each bubble as "Speaker: text", in order; what a test reads. */
    List<String> lines() {
        return getChildren().filter(Bubble.class::isInstance).map(Bubble.class::cast).map(Bubble::line).toList();
    }

    /** Keeps the newest line in sight. */
    void scrollToEnd() {
        getElement().executeJs("this.scrollTop = this.scrollHeight");
    }

    private Bubble bubbleFor(TranscriptEvent line) {
        if (line.itemId() != null) {
            Bubble known = byItem.get(line.itemId());
            if (known != null) {
                return known;
            }
        } else if (last != null && last.speaker == line.speaker() && last.partial) {
            // Without an item id, a partial line continues the speaker's unfinished bubble.
            return last;
        }
        Bubble bubble = new Bubble(line.speaker());
        if (line.itemId() != null) {
            byItem.put(line.itemId(), bubble);
        }
        remove(empty);
        add(bubble);
        last = bubble;
        return bubble;
    }

    private static final class Bubble extends Div {

        private final Speaker speaker;
        private final Span text = new Span();
        private boolean partial = true;

        Bubble(Speaker speaker) {
            this.speaker = speaker;
            addClassNames("cc-bubble", speaker == Speaker.AI ? "cc-bubble-ai" : "cc-bubble-you");
            Span who = new Span(label(speaker));
            who.addClassName("cc-bubble-speaker");
            text.addClassName("cc-bubble-text");
            add(who, text);
        }

        void update(String value, boolean isFinal) {
            text.setText(value);
            partial = !isFinal;
            setClassName("cc-bubble-partial", partial);
        }

        String line() {
            return label(speaker) + ": " + text.getText();
        }

        private static String label(Speaker speaker) {
            return speaker == Speaker.AI ? "AI" : "You";
        }
    }
}
