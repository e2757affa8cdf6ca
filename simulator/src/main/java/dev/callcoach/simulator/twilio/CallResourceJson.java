package dev.callcoach.simulator.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.Json;
import java.time.Instant;
import java.util.List;

/** The {@code api.v2010.account.call} resource JSON the Twilio SDK parses into {@code Call}. */
final class CallResourceJson {

    private CallResourceJson() {
    }

    static ObjectNode of(SimulatedCall call, String phoneNumberSid) {
        List<SimulatedCall.StatusChange> history = call.statusHistory();
        String base = "/2010-04-01/Accounts/" + call.accountSid() + "/Calls/" + call.sid();
        ObjectNode json = Json.object()
                .put("sid", call.sid())
                .put("account_sid", call.accountSid())
                .putNull("parent_call_sid")
                .put("date_created", date(call.createdAtMillis()))
                .put("date_updated", date(history.getLast().atMillis()))
                .put("start_time", call.answeredAtMillis() < 0 ? null : date(call.answeredAtMillis()))
                .put("end_time", call.endedAtMillis() < 0 ? null : date(call.endedAtMillis()))
                .put("duration", call.durationSeconds().isPresent() ? String.valueOf(call.durationSeconds().getAsInt()) : null)
                .put("status", call.status().wireName())
                .put("to", call.to())
                .put("to_formatted", formatted(call.to()))
                .put("from", call.from())
                .put("from_formatted", formatted(call.from()))
                .put("phone_number_sid", phoneNumberSid)
                .put("direction", "outbound-api")
                .putNull("answered_by")
                .put("api_version", "2010-04-01")
                .putNull("forwarded_from")
                .putNull("group_sid")
                .putNull("caller_name")
                .put("queue_time", "0")
                .putNull("trunk_sid")
                .putNull("price")
                .put("price_unit", "USD")
                .put("uri", base + ".json");
        ObjectNode subresources = json.putObject("subresource_uris");
        for (String sub : List.of("feedback", "notifications", "recordings", "streams", "payments", "user_defined_message_subscriptions",
                "user_defined_messages", "events", "siprec", "transcriptions", "feedback_summaries")) {
            subresources.put(sub, base + "/" + camel(sub) + ".json");
        }
        return json;
    }

    private static String date(long millis) {
        return CallLifecycle.RFC_2822.format(Instant.ofEpochMilli(millis));
    }

    /** North American numbers as Twilio formats them, {@code (415) 555-1212}; others unchanged. */
    private static String formatted(String number) {
        if (number != null && number.matches("\\+1\\d{10}")) {
            return "(" + number.substring(2, 5) + ") " + number.substring(5, 8) + "-" + number.substring(8);
        }
        return number;
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        for (String part : snake.split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
