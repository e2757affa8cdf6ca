package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The items of a session's default conversation, in order, with what truncation needs to know about each. */
final class Conversation {

    /** One item; {@code audioMs} is the assistant audio it carries (after truncation, what remains). */
    static final class Item {
        final String id;
        final ObjectNode json;
        long audioMs;

        Item(String id, ObjectNode json) {
            this.id = id;
            this.json = json;
        }

        String type() {
            return json.path("type").asText();
        }

        String role() {
            return json.path("role").asText();
        }

        String callId() {
            return json.path("call_id").asText(null);
        }

        /** Whether the item is an assistant message with audio content (the only thing truncate accepts). */
        boolean isAssistantAudio(Dialect dialect) {
            if (!type().equals("message") || !role().equals("assistant")) {
                return false;
            }
            for (var part : json.path("content")) {
                if (part.path("type").asText().equals(dialect.assistantAudio())) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Item> items = new ArrayList<>();

    String lastId() {
        return items.isEmpty() ? null : items.getLast().id;
    }

    Item find(String id) {
        for (Item item : items) {
            if (item.id.equals(id)) {
                return item;
            }
        }
        return null;
    }

    /** Adds after {@code previousId} ({@code "root"} = first; null = at the end); returns the id it now follows. */
    String add(Item item, String previousId) {
        if (previousId == null) {
            String previous = lastId();
            items.add(item);
            return previous;
        }
        if (previousId.equals("root")) {
            items.addFirst(item);
            return null;
        }
        items.add(items.indexOf(find(previousId)) + 1, item);
        return previousId;
    }

    boolean remove(String id) {
        return items.removeIf(item -> item.id.equals(id));
    }

    boolean hasFunctionCall(String callId) {
        return items.stream().anyMatch(item -> item.type().equals("function_call") && callId.equals(item.callId()));
    }

    int size() {
        return items.size();
    }
}
