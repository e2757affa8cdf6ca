package dev.callcoach.simulator.twilio;

import dev.callcoach.simulator.http.Json;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The REST subset of {@code api.twilio.com} the Java SDK uses for calls: create, fetch and update,
 * behind HTTP Basic auth. Maps requests and errors; the calls themselves live in {@link FakeTwilio}.
 */
final class CallsApi {

    private static final String ACCOUNTS = "/2010-04-01/Accounts/";
    private static final Set<String> UPDATE_STATUSES = Set.of("completed", "canceled");

    private final FakeTwilio twilio;

    CallsApi(FakeTwilio twilio) {
        this.twilio = twilio;
    }

    void mount(Router router) {
        router.route("/2010-04-01/*").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
        router.route("/2010-04-01/*").handler(this::authenticate);
        router.post(ACCOUNTS + ":account/Calls.json").handler(this::create);
        router.get(ACCOUNTS + ":account/Calls/:call").handler(ctx -> withCall(ctx, call -> ok(ctx, 200, call)));
        router.post(ACCOUNTS + ":account/Calls/:call").handler(this::update);
        router.route("/2010-04-01/*").handler(ctx -> fail(ctx, TwilioApiError.notFound(ctx.request().path())));
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
        String path = ctx.request().path();
        boolean ownAccount = !path.startsWith(ACCOUNTS) || path.startsWith(ACCOUNTS + twilio.accountSid() + "/")
                || path.equals(ACCOUNTS + twilio.accountSid() + ".json");
        if (!expected.equals(header) || !ownAccount) {
            fail(ctx, TwilioApiError.authenticate());
            return;
        }
        ctx.next();
    }

    private void create(RoutingContext ctx) {
        try {
            SimulatedCall call = twilio.placeCall(form(ctx.request().formAttributes()), ctx.vertx().getOrCreateContext());
            ok(ctx, 201, call);
        } catch (TwilioApiError e) {
            fail(ctx, e);
        }
    }

    private void update(RoutingContext ctx) {
        withCall(ctx, call -> {
            MultiMap form = ctx.request().formAttributes();
            String status = form.get("Status");
            String url = form.get("Url");
            String twiml = form.get("Twiml");
            if (status != null && !UPDATE_STATUSES.contains(status)) {
                fail(ctx, TwilioApiError.badRequest(20001, "Status must be 'completed' or 'canceled', got '" + status + "'"));
                return;
            }
            try {
                if (url != null) {
                    CreateCallRequest.requireAbsoluteHttpUrl(url, 21205, "Url");
                }
                String method = form.get("Method") == null ? "POST" : form.get("Method").toUpperCase(Locale.ROOT);
                Optional<CallLifecycle> running = twilio.lifecycle(call);
                if (status != null && running.isPresent()) {
                    running.get().updateStatus(status).onComplete(r -> reply(ctx, call, r.cause()));
                } else if (status == null && (url != null || twiml != null)) {
                    if (running.isEmpty()) {
                        throw new TwilioApiError(400, 21220, "Call is not in-progress. Cannot redirect.");
                    }
                    running.get().redirect(url, method, twiml).onComplete(r -> reply(ctx, call, r.cause()));
                } else {
                    ok(ctx, 200, call);
                }
            } catch (TwilioApiError e) {
                fail(ctx, e);
            }
        });
    }

    private void reply(RoutingContext ctx, SimulatedCall call, Throwable failure) {
        if (failure instanceof TwilioApiError e) {
            fail(ctx, e);
        } else if (failure != null) {
            fail(ctx, new TwilioApiError(500, 20500, "Internal Server Error"));
        } else {
            ok(ctx, 200, call);
        }
    }

    private void withCall(RoutingContext ctx, Consumer<SimulatedCall> action) {
        String file = ctx.pathParam("call");
        SimulatedCall call = file.endsWith(".json") ? twilio.call(file.substring(0, file.length() - 5)).orElse(null) : null;
        if (call == null) {
            fail(ctx, TwilioApiError.notFound(ctx.request().path()));
            return;
        }
        action.accept(call);
    }

    private void ok(RoutingContext ctx, int status, SimulatedCall call) {
        Json.respond(ctx, status, CallResourceJson.of(call, twilio.phoneNumberSid()));
    }

    private static void fail(RoutingContext ctx, TwilioApiError error) {
        Json.respond(ctx, error.status(), error.toJson());
    }

    private static Map<String, List<String>> form(MultiMap attributes) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String name : attributes.names()) {
            form.put(name, List.copyOf(attributes.getAll(name)));
        }
        return form;
    }
}
