package dev.callcoach.simulator.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Consumer;

/**
 * The JSON view of {@link FakeRealtime}: {@code GET /_sim/realtime/sessions},
 * {@code GET /_sim/realtime/sessions/{id}} (with the effective session and truncations) and
 * {@code GET /_sim/realtime/sessions/{id}/events} (every client and server event).
 */
final class RealtimeInspectionApi {

    private final FakeRealtime realtime;

    RealtimeInspectionApi(FakeRealtime realtime) {
        this.realtime = realtime;
    }

    void mount(Router router) {
        router.get("/_sim/health").handler(ctx -> Json.respond(ctx, 200, Json.object().put("status", "UP")));
        router.get("/_sim/realtime/sessions").handler(ctx -> {
            ArrayNode list = Json.MAPPER.createArrayNode();
            realtime.sessions().forEach(s -> list.add(summary(s)));
            Json.respond(ctx, 200, Json.object().put("openSessionCount", realtime.openSessionCount())
                    .put("refusedConnections", realtime.refusedConnections()).set("sessions", list));
        });
        // Faults for sessions opened from now on: {"faults":["fail-response 1 insufficient_quota", ...]}; [] clears them.
        router.post("/_sim/realtime/faults").handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(ctx -> {
            try {
                JsonNode body = Json.MAPPER.readTree(ctx.body().asString());
                SessionScript script = realtime.baseScript();
                for (JsonNode fault : body.path("faults")) {
                    script = script.withFault(fault.asText());
                }
                realtime.script(script);
                Json.respond(ctx, 200, Json.object().put("script", script.toString()));
            } catch (Exception e) {
                Json.error(ctx, 400, e.getMessage() == null ? "bad request" : e.getMessage());
            }
        });
        router.get("/_sim/realtime/sessions/:id").handler(ctx -> withSession(ctx, s -> {
            ObjectNode json = summary(s);
            json.set("session", s.session());
            json.set("truncations", Json.MAPPER.valueToTree(s.truncations()));
            Json.respond(ctx, 200, json);
        }));
        router.get("/_sim/realtime/sessions/:id/events").handler(ctx -> withSession(ctx, s -> {
            ObjectNode json = Json.object();
            ArrayNode client = json.putArray("client");
            s.clientEvents().forEach(e -> client.addObject().put("atMillis", e.atMillis()).put("type", e.type()).put("raw", e.raw()));
            ArrayNode server = json.putArray("server");
            s.serverEvents().forEach(e -> server.addObject().put("atMillis", e.atMillis()).put("type", e.type()).put("raw", e.raw()));
            Json.respond(ctx, 200, json);
        }));
    }

    private void withSession(RoutingContext ctx, Consumer<RealtimeSession> action) {
        realtime.session(ctx.pathParam("id")).ifPresentOrElse(action, () -> Json.error(ctx, 404, "no such session"));
    }

    private static ObjectNode summary(RealtimeSession s) {
        ObjectNode json = Json.object()
                .put("id", s.id())
                .put("index", s.index())
                .put("dialect", s.dialect().name())
                .put("model", s.model())
                .put("open", s.isOpen())
                .put("openedAtMillis", s.openedAtMillis())
                .put("inputAudioMs", s.inputAudioMs())
                .put("utterances", s.utteranceCount())
                .put("responses", s.responseCount())
                .put("clientEvents", s.clientEvents().size())
                .put("errorsSent", s.errorsSent().size());
        s.closeCode().ifPresent(code -> json.put("closeCode", code));
        return json;
    }
}
