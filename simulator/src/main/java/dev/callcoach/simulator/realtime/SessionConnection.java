package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.DroppingRelay;
import dev.callcoach.simulator.http.Json;
import dev.callcoach.simulator.realtime.RealtimeSession.ClientEvent;
import dev.callcoach.simulator.realtime.RealtimeSession.ServerEvent;
import dev.callcoach.simulator.realtime.RealtimeSession.Truncation;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The server side of one Realtime WebSocket: validates each client event against the dialect's
 * schema and the session's state, answers with the API's events, runs the VAD over appended audio
 * and the responses, and applies the session script's faults. Everything runs on the connection's
 * event loop; {@link RealtimeSession} holds what tests read.
 */
final class SessionConnection {

    private static final long MIN_COMMIT_MS = 100;

    private final Vertx vertx;
    private final Context context;
    private final ServerWebSocket socket;
    private final RealtimeSession session;
    private final SessionScript script;
    private final boolean recordAudioPayloads;
    private final SessionConfig config;
    private final VoiceActivityDetector vad;
    private final Conversation conversation = new Conversation();
    private final String conversationId = Ids.conversation();
    private final Set<Long> timers = new HashSet<>();
    private final List<ResponseRun> outOfBand = new ArrayList<>();
    private ResponseRun active;
    private long inputBytes;
    private long bufferBytes;
    private String speechItemId;
    private boolean audioProduced;
    private int serverEvents;
    private long idleTimer = -1;
    private boolean closed;
    private boolean dropped;

    SessionConnection(Vertx vertx, ServerWebSocket socket, RealtimeSession session, SessionScript script, boolean recordAudioPayloads) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.socket = socket;
        this.session = session;
        this.script = script;
        this.recordAudioPayloads = recordAudioPayloads;
        this.config = SessionConfig.initial(session.dialect(), session.id(), session.model());
        this.vad = new VoiceActivityDetector(config.inputEncoding(), config.turnDetection());
        session.attach(this);
        session.session(config.toJson());
    }

    void start() {
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(this::onBinary);
        socket.exceptionHandler(e -> { });
        socket.closeHandler(v -> onClosed(socket.closeStatusCode() == null ? 1006 : socket.closeStatusCode()));
        send(event("session.created").set("session", config.toJson()));
        if (script.dropAfter() != null) {
            later(script.dropAfter().toMillis(), this::drop);
        }
        if (script.errorAfter() != null) {
            SessionScript.RealtimeFault fault = script.error();
            later(script.errorAfter().toMillis(), () -> sendError(new RealtimeError(fault.type(), fault.code(), fault.message(), null), null));
        }
        if (script.closeAfter() != null) {
            later(script.closeAfter().toMillis(), () -> close(script.closeCode(), "simulated close"));
        }
        if (script.expireAfter() != null) {
            later(script.expireAfter().toMillis(), () -> {
                sendError(RealtimeError.invalid("session_expired", "Your session hit the maximum duration of "
                        + session.dialect().maxSessionMinutes() + " minutes.", null), null);
                close(1000, "session expired");
            });
        }
    }

    // ---- used by RealtimeSession controls and ResponseRun ----

    void runOnContext(Consumer<SessionConnection> action) {
        context.runOnContext(v -> action.accept(this));
    }

    /**
     * Closes the TCP connection without a close frame, as a network failure would. Every Vert.x close
     * sends a close frame first, so the {@link DroppingRelay} in front of FakeRealtime makes the cut,
     * asked by a ping; events already sent still arrive, none sent after.
     */
    void drop() {
        if (!closed && !dropped) {
            dropped = true;
            socket.writePing(DroppingRelay.DROP_PING);
        }
    }

    void close(int code, String reason) {
        if (!closed) {
            socket.close((short) code, reason);
        }
    }

    SessionScript script() {
        return script;
    }

    Conversation conversation() {
        return conversation;
    }

    Dialect dialect() {
        return session.dialect();
    }

    int index() {
        return session.index();
    }

    SessionConfig config() {
        return config;
    }

    long inputAudioMs() {
        return config.inputEncoding().millis(inputBytes);
    }

    void audioProduced() {
        audioProduced = true;
    }

    long later(long delayMs, Runnable action) {
        if (closed) {
            return -1;
        }
        long[] id = new long[1];
        id[0] = vertx.setTimer(Math.max(1, delayMs), t -> {
            timers.remove(id[0]);
            if (!closed) {
                action.run();
            }
        });
        timers.add(id[0]);
        return id[0];
    }

    void cancelTimer(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
            timers.remove(id);
        }
    }

    static ObjectNode event(String type) {
        return Json.object().put("type", type).put("event_id", Ids.event());
    }

    void send(ObjectNode event) {
        if (closed) {
            return;
        }
        String raw = Json.write(event);
        socket.writeTextMessage(raw);
        String type = event.path("type").asText();
        session.serverEvent(new ServerEvent(System.currentTimeMillis(), type,
                recordAudioPayloads || !type.equals(session.dialect().audioDelta()) ? raw : stripped(event, "delta")));
        if (++serverEvents == script.dropAfterServerEvents()) {
            drop();
        }
    }

    void sendRaw(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (node instanceof ObjectNode object) {
                if (!object.has("event_id")) {
                    object.put("event_id", Ids.event());
                }
                send(object);
                return;
            }
        } catch (Exception e) {
            // not JSON: sent verbatim below, which is what a test asking for raw output wants
        }
        socket.writeTextMessage(json);
        session.serverEvent(new ServerEvent(System.currentTimeMillis(), null, json));
    }

    void sendError(RealtimeError error, String clientEventId) {
        send(event("error").set("error", error.toJson(clientEventId)));
    }

    void responseFinished(ResponseRun run, String status) {
        if (active == run) {
            active = null;
        }
        outOfBand.remove(run);
        TurnDetection turns = config.turnDetection();
        if (status.equals("completed") && run.inConversation() && turns != null && turns.idleTimeoutMs() != null) {
            // The idle clock starts once the reply has played out: its audio is real-time long.
            long playOut = (long) (run.audioMs() * (1 - 1 / script.audioSpeed()));
            idleTimer = later(playOut + turns.idleTimeoutMs(), this::idleTimeout);
        }
    }

    // ---- client events ----

    private void onText(String raw) {
        JsonNode json = null;
        try {
            json = Json.MAPPER.readTree(raw);
        } catch (Exception e) {
            // logged below without a type, then refused
        }
        String type = json != null && json.path("type").isTextual() ? json.get("type").asText() : null;
        String eventId = json != null && json.path("event_id").isTextual() ? json.get("event_id").asText() : null;
        session.clientEvent(new ClientEvent(System.currentTimeMillis(), type, eventId,
                recordAudioPayloads || !"input_audio_buffer.append".equals(type) ? raw : stripped((ObjectNode) json, "audio")));
        try {
            handle(json, type);
        } catch (RealtimeError e) {
            sendError(e, eventId);
        }
    }

    private void onBinary(Buffer data) {
        session.clientEvent(new ClientEvent(System.currentTimeMillis(), null, null, "<binary frame, " + data.length() + " bytes>"));
        sendError(RealtimeError.invalid("invalid_json", "Binary frames are not supported; send JSON events as text frames.", null), null);
    }

    private void handle(JsonNode json, String type) {
        if (json == null) {
            throw RealtimeError.invalid("invalid_json", "We could not parse the JSON body of your request. (HINT: This likely means"
                    + " you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was"
                    + " not valid JSON.)", null);
        }
        if (!json.isObject()) {
            throw RealtimeError.invalidType("event", "an object", Schema.describe(json));
        }
        if (!json.has("type")) {
            throw RealtimeError.missing("type");
        }
        if (type == null) {
            throw RealtimeError.invalidType("type", "a string", Schema.describe(json.get("type")));
        }
        Schema.ObjectSchema schema = ClientEventSchemas.of(session.dialect(), type);
        if (schema == null) {
            throw RealtimeError.invalidValue("type", type, ClientEventSchemas.types(session.dialect()));
        }
        schema.check(json, "");
        switch (type) {
            case "session.update" -> updateSession(json.get("session"));
            case "input_audio_buffer.append" -> append(json.get("audio").asText());
            case "input_audio_buffer.commit" -> manualCommit();
            case "input_audio_buffer.clear" -> {
                bufferBytes = 0;
                vad.reset();
                send(event("input_audio_buffer.cleared"));
            }
            case "output_audio_buffer.clear" -> throw RealtimeError.invalid("invalid_value",
                    "output_audio_buffer.clear is only supported for WebRTC and SIP connections; over WebSocket, stop playback yourself.",
                    "type");
            case "conversation.item.create" -> createItem(json);
            case "conversation.item.retrieve" -> send(event("conversation.item.retrieved").set("item", existing(json).json.deepCopy()));
            case "conversation.item.delete" -> {
                Conversation.Item item = existing(json);
                conversation.remove(item.id);
                send(event("conversation.item.deleted").put("item_id", item.id));
            }
            case "conversation.item.truncate" -> truncate(json);
            case "response.create" -> createResponse(json.path("response"));
            case "response.cancel" -> cancelResponse(json.path("response_id").asText(null));
            default -> throw new IllegalStateException("schema without handler: " + type);
        }
    }

    private void updateSession(JsonNode update) {
        if (script.rejectsSessionUpdate()) {
            // As when the API refuses an update: nothing of it applies, the session keeps its defaults.
            throw RealtimeError.invalid("invalid_value", "Invalid value in session.update (simulated rejection).",
                    session.dialect().outputFormatParam());
        }
        // Only GA has session.type; beta's schema has already refused the field.
        if (update.path("type").asText().equals("transcription")) {
            throw RealtimeError.invalid("invalid_value", "Cannot change a realtime session into a transcription session.", "session.type");
        }
        if (update.has("model") && !update.get("model").asText().equals(config.model())) {
            throw RealtimeError.invalid("invalid_value", "Cannot update a session's model; it is fixed when the session is created.",
                    "session.model");
        }
        String modalitiesField = session.dialect().modalitiesField();
        if (update.has(modalitiesField)) {
            checkModalities(update.get(modalitiesField), "session." + modalitiesField);
        }
        JsonNode voice = session.dialect().voiceIn(update);
        if (!voice.isMissingNode() && audioProduced && !(voice.isTextual() ? voice.asText() : voice.path("id").asText()).equals(config.voice())) {
            throw RealtimeError.invalid("cannot_update_voice", "Cannot update a conversation's voice if assistant audio is present.",
                    session.dialect().voiceParam());
        }
        config.apply(update);
        vad.reconfigure(config.inputEncoding(), config.turnDetection());
        session.session(config.toJson());
        send(event("session.updated").set("session", config.toJson()));
    }

    private void checkModalities(JsonNode modalities, String param) {
        Set<String> set = new HashSet<>();
        modalities.forEach(m -> set.add(m.asText()));
        if (!session.dialect().acceptsModalities(set)) {
            throw RealtimeError.invalid("invalid_value", "Invalid modalities: " + modalities.toString().replace('"', '\'')
                    + ". Supported combinations are: " + session.dialect().supportedModalities() + ".", param);
        }
    }

    private void append(String base64) {
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw RealtimeError.invalid("invalid_value", "Invalid 'audio'. Expected base64-encoded audio data.", "audio");
        }
        if (audio.length > ClientEventSchemas.MAX_APPEND_BYTES) {
            throw RealtimeError.invalid("string_above_max_length", "Invalid 'audio': audio too long. Expected at most "
                    + ClientEventSchemas.MAX_APPEND_BYTES + " bytes per event, but got " + audio.length + " bytes.", "audio");
        }
        inputBytes += audio.length;
        bufferBytes += audio.length;
        session.audioAppended(inputAudioMs());
        for (VoiceActivityDetector.Event vadEvent : vad.feed(audio)) {
            switch (vadEvent) {
                case VoiceActivityDetector.Started started -> speechStarted(started);
                case VoiceActivityDetector.Stopped stopped -> speechStopped(stopped);
            }
        }
    }

    private void speechStarted(VoiceActivityDetector.Started started) {
        cancelTimer(idleTimer);
        speechItemId = Ids.item();
        send(event("input_audio_buffer.speech_started").put("audio_start_ms", started.audioStartMs()).put("item_id", speechItemId));
        TurnDetection turns = config.turnDetection();
        if (active != null && turns != null && turns.interruptResponse()) {
            active.cancel("turn_detected");
        }
    }

    private void speechStopped(VoiceActivityDetector.Stopped stopped) {
        send(event("input_audio_buffer.speech_stopped").put("audio_end_ms", stopped.audioEndMs()).put("item_id", speechItemId));
        commit(speechItemId);
        speechItemId = null;
        TurnDetection turns = config.turnDetection();
        if (turns != null && turns.createResponse() && active == null) {
            startResponse(Json.object(), true);
        }
    }

    private void manualCommit() {
        long bufferMs = config.inputEncoding().millis(bufferBytes);
        if (bufferMs < MIN_COMMIT_MS) {
            throw RealtimeError.invalid("input_audio_buffer_commit_empty", String.format(Locale.ROOT,
                    "Error committing input audio buffer: buffer too small. Expected at least %dms of audio, but buffer only has %.2fms of audio.",
                    MIN_COMMIT_MS, bufferBytes / (double) config.inputEncoding().bytesPerMs()), null);
        }
        commit(speechItemId != null ? speechItemId : Ids.item());
        speechItemId = null;
        vad.reset();
    }

    private void commit(String itemId) {
        ObjectNode item = Json.object().put("id", itemId).put("object", "realtime.item").put("type", "message")
                .put("status", "completed").put("role", "user");
        item.putArray("content").addObject().put("type", "input_audio").putNull("transcript");
        String previous = conversation.add(new Conversation.Item(itemId, item), null);
        bufferBytes = 0;
        send(event("input_audio_buffer.committed").put("previous_item_id", previous).put("item_id", itemId));
        announceItem(previous, item);
        session.utteranceCommitted();
        if (config.transcribes()) {
            String transcript = script.transcript(session.utteranceCount());
            long inputMs = inputAudioMs();
            Runnable transcribe = () -> transcribe(itemId, item, transcript, inputMs);
            if (script.transcriptionDelay().isZero()) {
                transcribe.run();
            } else {
                later(script.transcriptionDelay().toMillis(), transcribe);
            }
        }
    }

    private void transcribe(String itemId, ObjectNode item, String transcript, long inputMs) {
        if (script.failsTranscriptions()) {
            ObjectNode failed = event("conversation.item.input_audio_transcription.failed").put("item_id", itemId)
                    .put("content_index", 0);
            failed.putObject("error").put("type", "transcription_error").put("code", "audio_unintelligible")
                    .put("message", "Audio could not be transcribed (simulated).").putNull("param");
            send(failed);
            return;
        }
        String[] words = transcript.split(" ");
        for (int i = 0; i < words.length; i++) {
            send(event("conversation.item.input_audio_transcription.delta").put("item_id", itemId).put("content_index", 0)
                    .put("delta", (i == 0 ? "" : " ") + words[i]));
        }
        ((ObjectNode) item.get("content").get(0)).put("transcript", transcript);
        ObjectNode completed = event("conversation.item.input_audio_transcription.completed").put("item_id", itemId)
                .put("content_index", 0).put("transcript", transcript);
        completed.putObject("usage").put("type", "tokens").put("input_tokens", inputMs / 100)
                .put("output_tokens", words.length).put("total_tokens", inputMs / 100 + words.length);
        send(completed);
    }

    private void createItem(JsonNode event) {
        ObjectNode item = event.get("item").deepCopy();
        checkItemContent(item);
        String id = item.path("id").asText(null);
        if (id != null && conversation.find(id) != null) {
            throw RealtimeError.invalid("invalid_value", "Item with id '" + id + "' already exists.", "item.id");
        }
        String previous = event.path("previous_item_id").isTextual() ? event.get("previous_item_id").asText() : null;
        if (previous != null && !previous.equals("root") && conversation.find(previous) == null) {
            throw RealtimeError.invalid("invalid_value", "Previous item with id '" + previous + "' not found.", "previous_item_id");
        }
        if (item.path("type").asText().equals("function_call_output") && !conversation.hasFunctionCall(item.get("call_id").asText())) {
            throw RealtimeError.invalid("invalid_value", "Tool call with call_id '" + item.get("call_id").asText()
                    + "' not found in conversation.", "item.call_id");
        }
        ObjectNode stored = Json.object().put("id", id != null ? id : Ids.item()).put("object", "realtime.item");
        item.remove(List.of("id", "object"));
        stored.setAll(item);
        stored.put("status", "completed");
        String after = conversation.add(new Conversation.Item(stored.get("id").asText(), stored), previous);
        announceItem(after, stored);
    }

    private void checkItemContent(ObjectNode item) {
        if (!item.path("type").asText().equals("message")) {
            return;
        }
        String role = item.get("role").asText();
        List<String> allowed = switch (role) {
            case "assistant" -> List.of(session.dialect().assistantText());
            case "system" -> List.of("input_text");
            default -> session.dialect().userParts();
        };
        ArrayNode content = (ArrayNode) item.get("content");
        for (int i = 0; i < content.size(); i++) {
            String partType = content.get(i).path("type").asText();
            if (!allowed.contains(partType)) {
                throw RealtimeError.invalidValue("item.content[" + i + "].type", partType, allowed);
            }
        }
    }

    private void announceItem(String previousItemId, ObjectNode item) {
        send(event(session.dialect().itemAdded()).put("previous_item_id", previousItemId).set("item", item.deepCopy()));
        session.dialect().itemDone().ifPresent(done -> send(event(done).put("previous_item_id", previousItemId).set("item", item.deepCopy())));
    }

    private Conversation.Item existing(JsonNode event) {
        String id = event.get("item_id").asText();
        Conversation.Item item = conversation.find(id);
        if (item == null) {
            throw RealtimeError.invalid("invalid_value", "Item with item_id '" + id + "' not found in the conversation.", "item_id");
        }
        return item;
    }

    private void truncate(JsonNode event) {
        Conversation.Item item = existing(event);
        int contentIndex = event.get("content_index").asInt();
        long audioEndMs = event.get("audio_end_ms").asLong();
        if (!item.isAssistantAudio(session.dialect())) {
            throw RealtimeError.invalid("invalid_value", "Only model output audio messages can be truncated", "item_id");
        }
        if (contentIndex != 0) {
            throw RealtimeError.invalid("invalid_value", "Invalid 'content_index': item '" + item.id + "' has no content part "
                    + contentIndex + ".", "content_index");
        }
        boolean accepted = audioEndMs <= item.audioMs;
        session.truncation(new Truncation(item.id, contentIndex, audioEndMs, item.audioMs, accepted, System.currentTimeMillis()));
        if (!accepted) {
            throw RealtimeError.invalid("invalid_value", "Audio content of " + item.audioMs + "ms is already shorter than "
                    + audioEndMs + "ms", "audio_end_ms");
        }
        item.audioMs = audioEndMs;
        send(event("conversation.item.truncated").put("item_id", item.id).put("content_index", contentIndex)
                .put("audio_end_ms", audioEndMs));
    }

    private void createResponse(JsonNode params) {
        boolean inConversation = !params.path("conversation").asText("auto").equals("none");
        if (inConversation && active != null) {
            throw RealtimeError.invalid("conversation_already_has_active_response", "Conversation already has an active response in "
                    + "progress: " + active.id() + ". Wait until the response is finished before creating a new one.", null);
        }
        String field = session.dialect().modalitiesField();
        if (params.has(field)) {
            checkModalities(params.get(field), "response." + field);
        }
        startResponse(params, inConversation);
    }

    private void startResponse(JsonNode params, boolean inConversation) {
        cancelTimer(idleTimer);
        session.responseStarted();
        Dialect d = session.dialect();
        JsonNode modalities = params.has(d.modalitiesField()) ? params.get(d.modalitiesField()) : config.modalities();
        boolean textOnly = true;
        for (JsonNode m : modalities) {
            textOnly &= !m.asText().equals("audio");
        }
        JsonNode format = d.outputFormatIn(params);
        JsonNode formatJson = format.isMissingNode() ? config.outputFormatJson() : format;
        JsonNode voiceNode = d.voiceIn(params);
        String voice = voiceNode.isMissingNode() ? config.voice() : voiceNode.isTextual() ? voiceNode.asText() : voiceNode.path("id").asText();
        JsonNode tools = params.has("tools") ? params.get("tools") : config.tools();
        String toolChoice = params.has("tool_choice") ? params.get("tool_choice").asText("function") : config.toolChoice();
        JsonNode maxTokens = params.has(d.maxOutputTokensField()) ? params.get(d.maxOutputTokensField()) : config.maxOutputTokens();
        ResponseRun.Plan plan = new ResponseRun.Plan(script.reply(session.responseCount(),
                params.path("instructions").isTextual() ? params.get("instructions").asText() : config.instructions()), textOnly, d.encoding(formatJson),
                formatJson.deepCopy(), voice, SessionConfig.functionNames(tools), !toolChoice.equals("none"), inConversation,
                modalities.deepCopy(), maxTokens.deepCopy(), params.has("metadata") ? params.get("metadata").deepCopy() : null);
        ResponseRun run = new ResponseRun(this, plan, conversationId, session.responseCount());
        if (inConversation) {
            active = run;
        } else {
            outOfBand.add(run);
        }
        run.start();
    }

    private void cancelResponse(String responseId) {
        ResponseRun target = active != null && (responseId == null || responseId.equals(active.id())) ? active
                : outOfBand.stream().filter(r -> r.id().equals(responseId)).findFirst().orElse(null);
        if (target == null) {
            throw RealtimeError.invalid("response_cancel_not_active", "Cancellation failed: no active response found", null);
        }
        target.cancel("client_cancelled");
    }

    private void idleTimeout() {
        if (active != null || vad.speaking()) {
            return;
        }
        long now = inputAudioMs();
        send(event("input_audio_buffer.timeout_triggered").put("audio_start_ms", now).put("audio_end_ms", now)
                .put("item_id", Ids.item()));
        startResponse(Json.object(), true);
    }

    private void onClosed(int code) {
        if (closed) {
            return;
        }
        closed = true;
        timers.forEach(vertx::cancelTimer);
        timers.clear();
        session.closed(code);
    }

    private static String stripped(ObjectNode event, String field) {
        ObjectNode copy = event.deepCopy();
        copy.put(field, "<" + event.path(field).asText().length() + " base64 chars>");
        return Json.write(copy);
    }
}
