package dev.callcoach.simulator.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The JSON view of {@link FakeTwilio} for the local demo and benchmarks: {@code GET /_sim/calls},
 * {@code GET /_sim/calls/{sid}}, {@code GET /_sim/calls/{sid}/heard.ulaw} (raw μ-law the caller
 * heard), {@code GET|POST /_sim/scripts}. Phone numbers are masked.
 */
final class TwilioInspectionApi {

    private static final Set<String> NUMBER_FIELDS = Set.of("To", "From", "Called", "Caller", "ForwardedFrom");

    private final FakeTwilio twilio;

    TwilioInspectionApi(FakeTwilio twilio) {
        this.twilio = twilio;
    }

    void mount(Router router) {
        router.route("/_sim/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.get("/_sim/health").handler(ctx -> Json.respond(ctx, 200, Json.object().put("status", "UP")));
        router.get("/_sim/calls").handler(ctx -> {
            ArrayNode calls = Json.MAPPER.createArrayNode();
            twilio.calls().forEach(call -> calls.add(summary(call)));
            Json.respond(ctx, 200, calls);
        });
        router.get("/_sim/calls/:sid").handler(ctx -> withCall(ctx, call -> Json.respond(ctx, 200, detail(call))));
        router.get("/_sim/calls/:sid/heard.ulaw").handler(ctx -> withCall(ctx, call -> ctx.response()
                .putHeader("Content-Type", "audio/basic")
                .end(Buffer.buffer(call.stream().map(SimulatedStream::heardAudio).orElse(new byte[0])))));
        router.get("/_sim/scripts").handler(ctx -> {
            ObjectNode scripts = Json.object();
            twilio.scripts().forEach((to, script) -> scripts.put(to.equals("*") ? to : PhoneNumbers.mask(to), script.toString()));
            Json.respond(ctx, 200, scripts);
        });
        router.post("/_sim/scripts").handler(this::setScript);
    }

    private void setScript(RoutingContext ctx) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body().asString());
        } catch (Exception e) {
            Json.error(ctx, 400, "body must be JSON like {\"to\":\"+15551234567\",\"script\":\"answer after 1s; speak 2s\"}");
            return;
        }
        if (body == null || !body.path("to").isTextual() || !body.path("script").isTextual()) {
            Json.error(ctx, 400, "need string fields 'to' (a number, or * for the default) and 'script'");
            return;
        }
        try {
            CallerScript script = CallerScript.parse(body.get("script").asText());
            String to = body.get("to").asText();
            if (to.equals("*")) {
                twilio.defaultScript(script);
            } else {
                twilio.script(to, script);
            }
            ctx.response().setStatusCode(204).end();
        } catch (RuntimeException e) {
            Json.error(ctx, 400, e.getMessage());
        }
    }

    private void withCall(RoutingContext ctx, Consumer<SimulatedCall> action) {
        twilio.call(ctx.pathParam("sid")).ifPresentOrElse(action, () -> Json.error(ctx, 404, "no such call"));
    }

    private static ObjectNode summary(SimulatedCall call) {
        ObjectNode json = Json.object()
                .put("sid", call.sid())
                .put("to", PhoneNumbers.mask(call.to()))
                .put("from", PhoneNumbers.mask(call.from()))
                .put("status", call.status().wireName())
                .put("endReason", call.endReason().map(Enum::name).orElse(null))
                .put("createdAtMillis", call.createdAtMillis())
                .put("answeredAtMillis", call.answeredAtMillis())
                .put("endedAtMillis", call.endedAtMillis());
        call.durationSeconds().ifPresent(d -> json.put("durationSeconds", d));
        ArrayNode history = json.putArray("statusHistory");
        call.statusHistory().forEach(s -> history.addObject().put("status", s.status().wireName()).put("atMillis", s.atMillis()));
        json.set("notifications", Json.MAPPER.valueToTree(call.notifications()));
        return json;
    }

    private static ObjectNode detail(SimulatedCall call) {
        ObjectNode json = summary(call);
        ObjectNode create = json.putObject("createParams");
        call.createParams().forEach((name, values) -> {
            ArrayNode array = create.putArray(name);
            values.forEach(v -> array.add(NUMBER_FIELDS.contains(name) ? PhoneNumbers.mask(v) : v));
        });
        json.set("statusCallbacks", webhooks(call.statusCallbacks()));
        json.set("twimlRequests", webhooks(call.twimlRequests()));
        json.set("streamCallbacks", webhooks(call.streamCallbacks()));
        json.set("amdCallbacks", webhooks(call.amdCallbacks()));
        ArrayNode streams = json.putArray("streams");
        call.streams().forEach(stream -> streams.add(stream(stream)));
        return json;
    }

    private static ArrayNode webhooks(List<WebhookRequest> requests) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (WebhookRequest r : requests) {
            ObjectNode params = Json.object();
            r.params().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    params.put(e.getKey(), NUMBER_FIELDS.contains(e.getKey()) ? PhoneNumbers.mask(e.getValue()) : e.getValue()));
            array.addObject()
                    .put("purpose", r.purpose())
                    .put("url", r.url())
                    .put("method", r.method())
                    .put("signature", r.signature())
                    .put("sentAtMillis", r.sentAtMillis())
                    .put("responseStatus", r.responseStatus())
                    .put("failure", r.failure())
                    .set("params", params);
        }
        return array;
    }

    private static ObjectNode stream(SimulatedStream s) {
        ObjectNode json = Json.object()
                .put("streamSid", s.streamSid())
                .put("name", s.name())
                .put("url", s.url())
                .put("connectedUrl", s.connectedUrl())
                .put("open", s.isOpen())
                .put("closedBy", s.closedBy().orElse(null))
                .put("elapsedMs", s.elapsedMs())
                .put("mediaFramesSent", s.mediaFramesSent())
                .put("lastMediaTimestamp", s.lastMediaTimestamp())
                .put("mediaMessagesReceived", s.mediaMessagesReceived())
                .put("audioBytesReceived", s.audioBytesReceived())
                .put("heardMs", s.heardMs());
        json.set("customParameters", Json.MAPPER.valueToTree(s.customParameters()));
        json.set("marks", Json.MAPPER.valueToTree(s.marks()));
        json.set("clears", Json.MAPPER.valueToTree(s.clears()));
        json.set("utterances", Json.MAPPER.valueToTree(s.utterances()));
        json.set("playbackRuns", Json.MAPPER.valueToTree(s.playbackRuns()));
        json.set("controlMessagesSent", Json.MAPPER.valueToTree(s.controlMessagesSent()));
        json.set("messagesReceived", Json.MAPPER.valueToTree(s.messagesReceived()));
        return json;
    }
}
