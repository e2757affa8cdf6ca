package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.audio.AudioEncoding;
import dev.callcoach.simulator.audio.SessionPattern;
import dev.callcoach.simulator.http.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One response of the simulated model, from {@code response.created} to {@code response.done}: an
 * assistant message whose audio (the session's pattern) streams in deltas faster than real time
 * with transcript deltas alongside, then optionally a function call. Cancellable at any point
 * ({@code turn_detected} barge-in or {@code response.cancel}). Runs on the session's event loop.
 */
final class ResponseRun {

    /** What a response produces and where, resolved from the session config and the response.create overrides. */
    record Plan(Reply reply, boolean textOnly, AudioEncoding encoding, JsonNode formatJson, String voice, List<String> tools,
            boolean toolsAllowed, boolean inConversation, JsonNode modalities, JsonNode maxOutputTokens, JsonNode metadata) {
    }

    private final SessionConnection session;
    private final String id = Ids.response();
    private final Plan plan;
    private final String conversationId;
    private final List<ObjectNode> output = new ArrayList<>();
    private final String[] words;
    /** Which response of the session this is (1 = first), for the script's faults. */
    private final int responseNumber;
    private double audioBudgetFraction = 1.0;
    private long timer = -1;
    private boolean finished;
    private Conversation.Item message;
    private String previousItemId;
    private long audioBytesSent;
    private long audioBytesTotal;
    private int wordsSent;
    private int textWordsPerTick;

    ResponseRun(SessionConnection session, Plan plan, String conversationId, int responseNumber) {
        this.session = session;
        this.plan = plan;
        this.conversationId = conversationId;
        this.words = plan.reply().speaks() ? plan.reply().text().trim().split("\\s+") : new String[0];
        this.responseNumber = responseNumber;
    }

    String id() {
        return id;
    }

    boolean inConversation() {
        return plan.inConversation();
    }

    /** Milliseconds of audio this response will produce in total. */
    long audioMs() {
        return plan.reply().speaks() && !plan.textOnly() ? plan.reply().audio().toMillis() : 0;
    }

    void start() {
        session.send(event("response.created").set("response", response("in_progress", null)));
        session.send(rateLimits());
        timer = session.later(session.script().responseDelay().toMillis(), this::begin);
    }

    /** Stops where it is: closes the open message as incomplete and reports {@code cancelled} with {@code reason}. */
    void cancel(String reason) {
        if (finished) {
            return;
        }
        session.cancelTimer(timer);
        if (message != null) {
            finishMessage("incomplete");
        }
        done("cancelled", Json.object().put("type", "cancelled").put("reason", reason));
    }

    private void begin() {
        SessionScript.ResponseFault fault = session.script().responseFault(responseNumber);
        if (fault != null && fault.status().equals("failed")) {
            ObjectNode details = Json.object().put("type", "failed");
            details.putObject("error").put("type", fault.errorType()).put("code", fault.code())
                    .put("message", "The response failed: " + fault.code() + " (simulated).");
            done("failed", details);
        } else if (fault != null && plan.reply().speaks()) {
            // Output stops halfway, as when the token budget or the content filter cuts a reply off.
            audioBudgetFraction = 0.5;
            beginMessage();
        } else if (plan.reply().speaks()) {
            beginMessage();
        } else {
            callToolOrFinish();
        }
    }

    private void beginMessage() {
        ObjectNode item = Json.object().put("id", Ids.item()).put("object", "realtime.item").put("type", "message")
                .put("status", "in_progress").put("role", "assistant");
        item.putArray("content");
        message = new Conversation.Item(item.get("id").asText(), item);
        previousItemId = plan.inConversation() ? session.conversation().add(message, null) : null;
        session.send(event("response.output_item.added").put("response_id", id).put("output_index", 0).set("item", item.deepCopy()));
        if (plan.inConversation()) {
            session.send(event(session.dialect().itemAdded()).put("previous_item_id", previousItemId).set("item", item.deepCopy()));
        }
        ObjectNode part = plan.textOnly() ? Json.object().put("type", "text").put("text", "")
                : Json.object().put("type", "audio").put("transcript", "");
        session.send(ids(event("response.content_part.added")).set("part", part));
        audioBytesTotal = plan.textOnly() ? 0
                : (long) (plan.reply().audio().toMillis() * audioBudgetFraction) * plan.encoding().bytesPerMs();
        long deltaMs = session.script().deltaDuration().toMillis();
        long ticks = plan.textOnly() ? words.length : Math.max(1, (audioBytesTotal + deltaMs * plan.encoding().bytesPerMs() - 1)
                / (deltaMs * plan.encoding().bytesPerMs()));
        textWordsPerTick = (int) Math.max(1, (words.length + ticks - 1) / ticks);
        tick();
    }

    private void tick() {
        if (finished) {
            return;
        }
        if (!plan.textOnly()) {
            int chunk = (int) Math.min(audioBytesTotal - audioBytesSent,
                    session.script().deltaDuration().toMillis() * plan.encoding().bytesPerMs());
            byte[] audio = SessionPattern.audio(plan.encoding(), session.index(), audioBytesSent, chunk);
            audioBytesSent += chunk;
            message.audioMs = plan.encoding().millis(audioBytesSent);
            session.audioProduced();
            session.send(ids(event(session.dialect().audioDelta())).put("delta", Base64.getEncoder().encodeToString(audio)));
        }
        int upTo = Math.min(words.length, wordsSent + textWordsPerTick);
        if (upTo > wordsSent) {
            String delta = (wordsSent == 0 ? "" : " ") + String.join(" ", List.of(words).subList(wordsSent, upTo));
            wordsSent = upTo;
            session.send(ids(event(plan.textOnly() ? session.dialect().textDelta() : session.dialect().transcriptDelta()))
                    .put("delta", delta));
        }
        boolean more = plan.textOnly() ? wordsSent < words.length : audioBytesSent < audioBytesTotal;
        SessionScript.ResponseFault fault = session.script().responseFault(responseNumber);
        if (!more && fault != null) {
            finishMessage("incomplete");
            done("incomplete", Json.object().put("type", "incomplete").put("reason", fault.reason()));
        } else if (more) {
            long deltaMs = session.script().deltaDuration().toMillis();
            timer = session.later(Math.max(1, Math.round(deltaMs / session.script().audioSpeed())), this::tick);
        } else {
            finishMessage("completed");
            callToolOrFinish();
        }
    }

    private void finishMessage(String status) {
        String spoken = String.join(" ", List.of(words).subList(0, wordsSent));
        if (plan.textOnly()) {
            session.send(ids(event(session.dialect().textDone())).put("text", spoken));
        } else {
            session.send(ids(event(session.dialect().audioDone())));
            session.send(ids(event(session.dialect().transcriptDone())).put("transcript", spoken));
        }
        ObjectNode part = plan.textOnly() ? Json.object().put("type", "text").put("text", spoken)
                : Json.object().put("type", "audio").put("transcript", spoken);
        session.send(ids(event("response.content_part.done")).set("part", part));
        ObjectNode item = message.json;
        item.put("status", status);
        ObjectNode content = plan.textOnly() ? Json.object().put("type", session.dialect().assistantText()).put("text", spoken)
                : Json.object().put("type", session.dialect().assistantAudio()).put("transcript", spoken);
        ((ArrayNode) item.get("content")).removeAll().add(content);
        output.add(item.deepCopy());
        session.send(event("response.output_item.done").put("response_id", id).put("output_index", 0).set("item", item.deepCopy()));
        if (plan.inConversation()) {
            session.dialect().itemDone().ifPresent(done -> session.send(event(done).put("previous_item_id", previousItemId)
                    .set("item", item.deepCopy())));
        }
        message = null;
    }

    private void callToolOrFinish() {
        Reply reply = plan.reply();
        if (reply.toolName() == null || !plan.toolsAllowed() || !plan.tools().contains(reply.toolName())) {
            done("completed", null);
            return;
        }
        int index = output.size();
        String callId = Ids.call();
        ObjectNode item = Json.object().put("id", Ids.item()).put("object", "realtime.item").put("type", "function_call")
                .put("status", "in_progress").put("name", reply.toolName()).put("call_id", callId).put("arguments", "");
        String previous = plan.inConversation() ? session.conversation().add(new Conversation.Item(item.get("id").asText(), item), null) : null;
        session.send(event("response.output_item.added").put("response_id", id).put("output_index", index).set("item", item.deepCopy()));
        if (plan.inConversation()) {
            session.send(event(session.dialect().itemAdded()).put("previous_item_id", previous).set("item", item.deepCopy()));
        }
        String itemId = item.get("id").asText();
        session.send(event("response.function_call_arguments.delta").put("response_id", id).put("item_id", itemId)
                .put("output_index", index).put("call_id", callId).put("delta", reply.toolArguments()));
        ObjectNode argumentsDone = event("response.function_call_arguments.done").put("response_id", id).put("item_id", itemId)
                .put("output_index", index).put("call_id", callId).put("arguments", reply.toolArguments());
        if (!session.script().omitsFunctionCallName()) {
            argumentsDone.put("name", reply.toolName());
        }
        session.send(argumentsDone);
        item.put("status", "completed").put("arguments", reply.toolArguments());
        output.add(item.deepCopy());
        session.send(event("response.output_item.done").put("response_id", id).put("output_index", index).set("item", item.deepCopy()));
        if (plan.inConversation()) {
            session.dialect().itemDone().ifPresent(done -> session.send(event(done).put("previous_item_id", previous)
                    .set("item", item.deepCopy())));
        }
        done("completed", null);
    }

    private void done(String status, ObjectNode statusDetails) {
        finished = true;
        session.send(event("response.done").set("response", response(status, statusDetails)));
        session.responseFinished(this, status);
    }

    private ObjectNode response(String status, ObjectNode statusDetails) {
        ObjectNode response = Json.object().put("object", "realtime.response").put("id", id).put("status", status);
        response.set("status_details", statusDetails);
        ArrayNode items = response.putArray("output");
        output.forEach(items::add);
        response.put("conversation_id", plan.inConversation() ? conversationId : null);
        session.dialect().describeResponse(response, plan, session.config().temperature());
        response.set("usage", status.equals("in_progress") ? null : usage());
        response.set("metadata", plan.metadata());
        return response;
    }

    /** Token counts in the API's shape; the figures are rough stand-ins (audio in: 10/s, audio out: 20/s, text: words). */
    private ObjectNode usage() {
        long outputAudio = plan.encoding().millis(audioBytesSent) / 50;
        long outputText = wordsSent + (plan.reply().toolArguments() == null ? 0 : plan.reply().toolArguments().length() / 4);
        long inputAudio = session.inputAudioMs() / 100;
        long inputText = session.config().instructions().split("\\s+").length;
        ObjectNode usage = Json.object().put("total_tokens", inputAudio + inputText + outputAudio + outputText)
                .put("input_tokens", inputAudio + inputText).put("output_tokens", outputAudio + outputText);
        ObjectNode in = usage.putObject("input_token_details");
        session.dialect().inputTokenDetails(in, inputText, inputAudio);
        usage.putObject("output_token_details").put("text_tokens", outputText).put("audio_tokens", outputAudio);
        return usage;
    }

    private ObjectNode rateLimits() {
        ObjectNode event = event("rate_limits.updated");
        ArrayNode limits = event.putArray("rate_limits");
        limits.addObject().put("name", "requests").put("limit", 5000).put("remaining", 4999).put("reset_seconds", 0.012);
        limits.addObject().put("name", "tokens").put("limit", 40_000_000).put("remaining", 39_990_000).put("reset_seconds", 0.015);
        return event;
    }

    private ObjectNode ids(ObjectNode event) {
        return event.put("response_id", id).put("item_id", message.id).put("output_index", 0).put("content_index", 0);
    }

    private static ObjectNode event(String type) {
        return SessionConnection.event(type);
    }
}
