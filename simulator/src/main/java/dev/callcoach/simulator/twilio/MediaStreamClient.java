package dev.callcoach.simulator.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.Json;
import dev.callcoach.simulator.twilio.TwilioNotification.Level;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.ConnectException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Twilio's side of one bidirectional Media Stream: opens the signed WebSocket, sends
 * {@code connected} and {@code start}, then one 20 ms inbound {@code media} frame per 20 ms of real
 * time from the caller script, and plays what the server sends through the playback model (marks
 * echoed when played, {@code clear} honoured). Frames are due from the elapsed time since the stream
 * started, so timer jitter never accumulates into drift. Runs on the call's event loop.
 */
final class MediaStreamClient {

    /** Who ended the stream; see {@link SimulatedStream#closedBy()}. */
    enum EndedBy { CALLER, SERVER, TWILIO, FAILED }

    private static final long FRAME_MS = 20;
    private static final Set<String> MEDIA_FIELDS = Set.of("payload", "track", "chunk", "timestamp");

    private final Vertx vertx;
    private final String accountSid;
    private final String callSid;
    private final SimulatedCall call;
    private final SimulatedStream stream;
    private final CallerAudio callerAudio;
    private final Promise<Void> started = Promise.promise();
    private final Promise<EndedBy> ended = Promise.promise();
    private WebSocket socket;
    private long frameTimer = -1;
    private long markTimer = -1;
    private long framesSent;
    private int sequence;

    private MediaStreamClient(Vertx vertx, String accountSid, SimulatedCall call, SimulatedStream stream,
            List<CallerScript.Step> steps) {
        this.vertx = vertx;
        this.accountSid = accountSid;
        this.callSid = call.sid();
        this.call = call;
        this.stream = stream;
        this.callerAudio = new CallerAudio(steps, stream.playback());
    }

    /**
     * Connects and runs the stream; the returned future completes when it is over. A failed handshake
     * completes it with {@link EndedBy#FAILED} after recording Twilio's error code on the call.
     */
    static MediaStreamClient connect(Vertx vertx, WebSocketClient client, String accountSid, SimulatedCall call,
            SimulatedStream stream, List<CallerScript.Step> steps) {
        MediaStreamClient media = new MediaStreamClient(vertx, accountSid, call, stream, steps);
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(stream.connectedUrl())
                .setConnectTimeout(10_000)
                .addHeader("x-twilio-signature", stream.signature());
        client.connect(options).onComplete(result -> {
            if (result.succeeded()) {
                media.opened(result.result());
            } else {
                media.handshakeFailed(result.cause());
            }
        });
        return media;
    }

    /** Completes once {@code start} has been sent; never completes when the handshake fails. */
    Future<Void> started() {
        return started.future();
    }

    Future<EndedBy> ended() {
        return ended.future();
    }

    /** Ends the stream from Twilio's side: {@code stop}, then close. */
    void stop(EndedBy by) {
        if (socket == null || ended.future().isComplete()) {
            finish(by);
            return;
        }
        send(Json.object().put("event", "stop").put("sequenceNumber", String.valueOf(++sequence))
                .<ObjectNode>set("stop", Json.object().put("accountSid", accountSid).put("callSid", callSid))
                .put("streamSid", stream.streamSid()), true);
        finish(by);
        socket.close((short) 1000, "stream stopped");
    }

    private void opened(WebSocket ws) {
        if (ended.future().isComplete()) {
            ws.close((short) 1000, "call ended while connecting");
            return;
        }
        socket = ws;
        stream.opened(System.nanoTime());
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(this::onBinary);
        ws.exceptionHandler(e -> call.notify(31924, Level.ERROR, "Stream - WebSocket - Protocol Error: " + e.getMessage()));
        ws.closeHandler(v -> finish(EndedBy.SERVER));
        send(Json.object().put("event", "connected").put("protocol", "Call").put("version", "1.0.0"), true);
        ObjectNode start = Json.object()
                .put("accountSid", accountSid)
                .put("streamSid", stream.streamSid())
                .put("callSid", callSid);
        start.putArray("tracks").add("inbound");
        start.set("mediaFormat", Json.object().put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1));
        ObjectNode custom = start.putObject("customParameters");
        stream.customParameters().forEach(custom::put);
        send(Json.object().put("event", "start").put("sequenceNumber", String.valueOf(++sequence))
                .<ObjectNode>set("start", start).put("streamSid", stream.streamSid()), true);
        frameTimer = vertx.setPeriodic(FRAME_MS, id -> sendDueFrames());
        started.complete();
    }

    private void handshakeFailed(Throwable cause) {
        int code;
        if (cause instanceof UpgradeRejectedException rejected) {
            code = 31920;
            call.notify(code, Level.ERROR, "Stream - WebSocket - Handshake Error: server answered HTTP " + rejected.getStatus());
        } else {
            code = cause instanceof ConnectException ? 31902 : cause instanceof TimeoutException ? 31901
                    : cause instanceof SSLException ? 31910 : 31920;
            call.notify(code, Level.ERROR, "Stream - WebSocket - connection failed: " + cause.getMessage());
        }
        finish(EndedBy.FAILED);
    }

    private void sendDueFrames() {
        long elapsedNs = System.nanoTime() - stream.startNanos();
        long due = elapsedNs / (FRAME_MS * 1_000_000);
        while (framesSent < due && !ended.future().isComplete()) {
            long index = framesSent++;
            long frameStartNs = index * CallerAudio.FRAME_NANOS;
            CallerAudio.Frame frame = callerAudio.next(frameStartNs);
            if (frame.hangsUp()) {
                stop(EndedBy.CALLER);
                return;
            }
            if (frame.utteranceStarts() > 0) {
                stream.utteranceStarted(frame.utteranceStarts(), frameStartNs);
            }
            long timestamp = index * FRAME_MS;
            ObjectNode media = Json.object().put("track", "inbound").put("chunk", String.valueOf(index + 1))
                    .put("timestamp", String.valueOf(timestamp))
                    .put("payload", Base64.getEncoder().encodeToString(frame.payload()));
            send(Json.object().put("event", "media").put("sequenceNumber", String.valueOf(++sequence))
                    .<ObjectNode>set("media", media).put("streamSid", stream.streamSid()), false);
            stream.mediaSent(timestamp);
            if (frame.utteranceEnds() > 0) {
                stream.utteranceEnded(frame.utteranceEnds(), frameStartNs + CallerAudio.FRAME_NANOS);
            }
            if (frame.dtmfDigit() != null) {
                send(Json.object().put("event", "dtmf").put("streamSid", stream.streamSid())
                        .put("sequenceNumber", String.valueOf(++sequence))
                        .set("dtmf", Json.object().put("track", "inbound_track").put("digit", frame.dtmfDigit())), true);
            }
        }
    }

    private void onText(String text) {
        if (ended.future().isComplete()) {
            return;
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            stream.received(text);
            invalid(text, "message is not valid JSON");
            return;
        }
        String event = message.path("event").isTextual() ? message.get("event").asText() : null;
        if (!"media".equals(event)) {
            stream.received(text);
        }
        if (!message.isObject() || event == null) {
            invalid(text, "message has no string 'event'");
            return;
        }
        if (!stream.streamSid().equals(message.path("streamSid").asText(null))) {
            invalid(text, "streamSid does not match the active stream " + stream.streamSid());
            return;
        }
        long nowNs = stream.nowNs();
        switch (event) {
            case "media" -> onMedia(text, message, nowNs);
            case "mark" -> onMark(text, message, nowNs);
            case "clear" -> {
                if (onlyFields(text, message, Set.of("event", "streamSid"))) {
                    stream.clear(nowNs).forEach(echo -> sendMark(echo.name()));
                    scheduleMarks();
                }
            }
            default -> invalid(text, "unsupported event '" + event + "'; a bidirectional stream accepts media, mark and clear");
        }
    }

    private void onMedia(String text, JsonNode message, long nowNs) {
        JsonNode media = message.path("media");
        if (!onlyFields(text, message, Set.of("event", "streamSid", "media"))) {
            return;
        }
        if (!media.isObject()) {
            invalid(text, "media message without a 'media' object");
            return;
        }
        if (!onlyFields(text, media, MEDIA_FIELDS)) {
            return;
        }
        if (!media.path("payload").isTextual()) {
            invalid(text, "media.payload must be a base64 string");
            return;
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(media.get("payload").asText());
        } catch (IllegalArgumentException e) {
            invalid(text, "media.payload is not valid base64");
            return;
        }
        stream.mediaReceived(nowNs, audio);
    }

    private void onMark(String text, JsonNode message, long nowNs) {
        JsonNode mark = message.path("mark");
        if (!onlyFields(text, message, Set.of("event", "streamSid", "mark"))) {
            return;
        }
        if (!mark.isObject() || !mark.path("name").isTextual() || mark.size() != 1) {
            invalid(text, "mark message needs exactly {\"mark\":{\"name\":\"...\"}}");
            return;
        }
        stream.markReceived(nowNs, mark.get("name").asText());
        echoDueMarks();
        scheduleMarks();
    }

    private void onBinary(Buffer data) {
        stream.received("<binary frame, " + data.length() + " bytes>");
        call.notify(31950, Level.WARNING, "Stream - Protocol - Malformed Message: binary frame of " + data.length()
                + " bytes; send JSON text messages");
    }

    private boolean onlyFields(String text, JsonNode node, Set<String> allowed) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = entry.getKey();
            if (!allowed.contains(field)) {
                invalid(text, "unexpected field '" + field + "'");
                return false;
            }
        }
        return true;
    }

    private void invalid(String text, String reason) {
        String excerpt = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        call.notify(31951, Level.WARNING, "Stream - Protocol - Invalid Message: " + reason + ": " + excerpt);
    }

    private void echoDueMarks() {
        stream.takeDueMarks(stream.nowNs()).forEach(echo -> sendMark(echo.name()));
    }

    private void scheduleMarks() {
        if (markTimer >= 0) {
            vertx.cancelTimer(markTimer);
            markTimer = -1;
        }
        long due = stream.nextMarkDueNs();
        if (due < 0 || ended.future().isComplete()) {
            return;
        }
        long delayMs = Math.max(1, (due - stream.nowNs() + 999_999) / 1_000_000);
        markTimer = vertx.setTimer(delayMs, id -> {
            markTimer = -1;
            echoDueMarks();
            scheduleMarks();
        });
    }

    private void sendMark(String name) {
        send(Json.object().put("event", "mark").put("sequenceNumber", String.valueOf(++sequence))
                .put("streamSid", stream.streamSid()).set("mark", Json.object().put("name", name)), true);
    }

    private void send(ObjectNode message, boolean control) {
        String json = Json.write(message);
        if (control) {
            stream.controlSent(json);
        }
        socket.writeTextMessage(json);
    }

    private void finish(EndedBy by) {
        if (ended.future().isComplete()) {
            return;
        }
        if (frameTimer >= 0) {
            vertx.cancelTimer(frameTimer);
        }
        if (markTimer >= 0) {
            vertx.cancelTimer(markTimer);
        }
        stream.ended(by.name().toLowerCase(Locale.ROOT));
        ended.complete(by);
    }
}
