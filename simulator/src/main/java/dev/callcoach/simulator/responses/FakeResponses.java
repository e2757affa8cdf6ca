package dev.callcoach.simulator.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.simulator.http.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.System.Logger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/responses}, the OpenAI Responses API as far as Structured Outputs go, checked as the
 * real API checks (bearer key, {@code model}, {@code input}, {@code text.format} of type
 * {@code json_schema} with a strict-mode schema) and refused in its error shape. A well-formed request is
 * answered with a deterministic JSON document built from the schema and the transcript in the input
 * ({@link SchemaAnswer}), in the API's response shape with {@code usage}. Faults are scripted with
 * {@link #fault(ResponsesFault)}. Mounted on FakeRealtime's port, so {@code http://host:port/v1} is the base URL.
 */
public final class FakeResponses {

    private static final Logger LOG = System.getLogger(FakeResponses.class.getName());
    private static final Pattern MODELS = Pattern.compile("gpt-[a-z0-9.-]+|o[1-9][a-z0-9.-]*|chatgpt-[a-z0-9.-]+");
    private static final Pattern FORMAT_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Set<String> PARAMETERS = Set.of("model", "input", "instructions", "text", "max_output_tokens",
            "store", "temperature", "top_p", "metadata", "previous_response_id", "tools", "tool_choice",
            "parallel_tool_calls", "reasoning", "truncation", "user", "stream", "include", "background",
            "service_tier", "prompt", "prompt_cache_key", "safety_identifier", "max_tool_calls", "top_logprobs",
            "conversation", "stream_options");
    private static final Set<String> ROLES = Set.of("user", "system", "developer", "assistant");
    private static final int MIN_OUTPUT_TOKENS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String apiKey;
    private final List<ResponsesRequest> requests = new ArrayList<>();
    private volatile ResponsesFault fault = ResponsesFault.NONE;

    /** @param apiKey the only key accepted as {@code Authorization: Bearer <key>} */
    public FakeResponses(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    /** Adds {@code POST /v1/responses} to {@code router}. */
    public void mount(Router router) {
        router.post("/v1/responses").handler(BodyHandler.create(false).setBodyLimit(4 * 1024 * 1024));
        router.post("/v1/responses").handler(this::create);
    }

    /** What requests get from now on; {@link ResponsesFault#NONE} answers normally again. */
    public FakeResponses fault(ResponsesFault fault) {
        this.fault = Objects.requireNonNull(fault, "fault");
        return this;
    }

    public ResponsesFault fault() {
        return fault;
    }

    /** Every request received, oldest first. */
    public List<ResponsesRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void create(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        JsonNode body = null;
        try {
            checkKey(authorization);
            body = parse(ctx.body().asString());
            ObjectNode request = check(body);
            ResponsesFault now = fault;
            switch (now) {
                case TIMEOUT -> {
                    record(authorization, body, 0, null);
                    LOG.log(Logger.Level.INFO, "responses request held (simulated timeout)");
                    return;
                }
                case RATE_LIMITED -> throw new ApiError(429, "Rate limit reached for " + request.get("model").asText()
                        + " on tokens per min (TPM): Limit 30000, Used 30000, Requested 2000. Please try again in 4s. "
                        + "(simulated)", "tokens", null, "rate_limit_exceeded");
                case SERVER_ERROR -> throw new ApiError(500, "The server had an error while processing your request. "
                        + "Sorry about that! (simulated)", "server_error", null, null);
                default -> {
                }
            }
            ObjectNode response = respond(request, now == ResponsesFault.REFUSAL);
            record(authorization, body, 200, null);
            Json.respond(ctx, 200, response);
        } catch (ApiError error) {
            record(authorization, body, error.status, error.getMessage());
            if (error.status == 429) {
                ctx.response().putHeader("retry-after", "1");
            }
            Json.respond(ctx, error.status, error.body());
        }
    }

    private void checkKey(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ApiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization "
                    + "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", null, null);
        }
        if (!authorization.substring(7).equals(apiKey)) {
            throw new ApiError(401, "Incorrect API key provided. You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
        }
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode body = text == null ? null : Json.MAPPER.readTree(text);
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (Exception e) {
            // fall through to the API's answer
        }
        throw ApiError.invalid("We could not parse the JSON body of your request. (HINT: This likely means you aren't "
                + "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
                + "valid JSON.)", null, null);
    }

    private static ObjectNode check(JsonNode body) {
        ObjectNode request = (ObjectNode) body;
        request.fieldNames().forEachRemaining(name -> {
            if (!PARAMETERS.contains(name)) {
                throw ApiError.invalid("Unknown parameter: '" + name + "'.", name, "unknown_parameter");
            }
        });
        JsonNode model = request.get("model");
        if (model == null || model.isNull()) {
            throw ApiError.missing("model");
        }
        if (!model.isTextual()) {
            throw ApiError.invalidType("model", "a string");
        }
        if (!MODELS.matcher(model.asText()).matches()) {
            throw ApiError.invalid("The requested model '" + model.asText() + "' does not exist.", "model", "model_not_found");
        }
        checkInput(request.get("input"));
        if (request.has("instructions") && !request.get("instructions").isTextual() && !request.get("instructions").isNull()) {
            throw ApiError.invalidType("instructions", "a string");
        }
        JsonNode maxTokens = request.get("max_output_tokens");
        if (maxTokens != null && !maxTokens.isNull()) {
            if (!maxTokens.isIntegralNumber()) {
                throw ApiError.invalidType("max_output_tokens", "an integer");
            }
            if (maxTokens.asLong() < MIN_OUTPUT_TOKENS) {
                throw ApiError.invalid("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= "
                        + MIN_OUTPUT_TOKENS + ", but got " + maxTokens.asLong() + " instead.", "max_output_tokens",
                        "integer_below_min_value");
            }
        }
        if (request.path("stream").asBoolean(false)) {
            throw ApiError.invalid("The simulator does not stream responses; send 'stream': false.", "stream",
                    "unsupported_value");
        }
        checkFormat(request.get("text"));
        return request;
    }

    private static void checkInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw ApiError.missing("input");
        }
        if (input.isTextual()) {
            return;
        }
        if (!input.isArray()) {
            throw ApiError.invalidType("input", "a string or an array of input items");
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String at = "input[" + i + "]";
            if (!item.isObject()) {
                throw ApiError.invalidType(at, "an object");
            }
            String type = item.path("type").asText("message");
            if (!type.equals("message")) {
                throw ApiError.invalid("The simulator takes only message input items, not '" + type + "'.", at + ".type",
                        "unsupported_value");
            }
            if (!item.has("role")) {
                throw ApiError.missing(at + ".role");
            }
            if (!ROLES.contains(item.path("role").asText())) {
                throw ApiError.invalid("Invalid value: '" + item.path("role").asText() + "'. Supported values are: "
                        + "'user', 'assistant', 'system', and 'developer'.", at + ".role", "invalid_value");
            }
            JsonNode content = item.get("content");
            if (content == null || content.isNull()) {
                throw ApiError.missing(at + ".content");
            }
            if (!content.isTextual() && !content.isArray()) {
                throw ApiError.invalidType(at + ".content", "a string or an array of content parts");
            }
        }
    }

    private static void checkFormat(JsonNode text) {
        JsonNode format = text == null ? null : text.get("format");
        if (format == null || !"json_schema".equals(format.path("type").asText())) {
            // The real API would answer free text; the simulator only writes reports, so it says so.
            throw ApiError.invalid("The simulator answers only Structured Outputs requests: set text.format to "
                    + "{\"type\": \"json_schema\", \"name\": ..., \"schema\": ..., \"strict\": true}.", "text.format",
                    "unsupported_value");
        }
        JsonNode name = format.get("name");
        if (name == null || name.isNull()) {
            throw ApiError.missing("text.format.name");
        }
        if (!name.isTextual() || !FORMAT_NAME.matcher(name.asText()).matches()) {
            throw ApiError.invalid("Invalid 'text.format.name': string does not match pattern. Expected a string that "
                    + "matches the pattern '^[a-zA-Z0-9_-]+$'.", "text.format.name", "invalid_value");
        }
        JsonNode schema = format.get("schema");
        if (schema == null || schema.isNull()) {
            throw ApiError.missing("text.format.schema");
        }
        if (!schema.isObject()) {
            throw ApiError.invalidType("text.format.schema", "an object");
        }
        JsonNode strict = format.get("strict");
        if (strict != null && !strict.isBoolean() && !strict.isNull()) {
            throw ApiError.invalidType("text.format.strict", "a boolean");
        }
        if (strict == null || !strict.asBoolean()) {
            throw ApiError.invalid("The simulator answers only strict Structured Outputs: set text.format.strict to true.",
                    "text.format.strict", "unsupported_value");
        }
        StrictSchema.check(name.asText(), schema);
    }

    private static ObjectNode respond(ObjectNode request, boolean refuse) {
        JsonNode format = request.at("/text/format");
        ObjectNode content = Json.object();
        String text;
        if (refuse) {
            text = "I'm sorry, but I can't help with that request.";
            content.put("type", "refusal").put("refusal", text);
        } else {
            text = Json.write(SchemaAnswer.answer(format.get("schema"), Transcript.in(request.get("input"))));
            content.put("type", "output_text").put("text", text);
            content.putArray("annotations");
            content.putArray("logprobs");
        }
        ObjectNode message = Json.object().put("id", id("msg_")).put("type", "message").put("status", "completed");
        message.putArray("content").add(content);
        message.put("role", "assistant");

        long inputTokens = Math.max(1, (Json.write(request.get("input")).length()
                + request.path("instructions").asText("").length()) / 4);
        long outputTokens = Math.max(1, text.length() / 4);
        ObjectNode response = Json.object()
                .put("id", id("resp_"))
                .put("object", "response")
                .put("created_at", System.currentTimeMillis() / 1000)
                .put("status", "completed")
                .put("background", false)
                .putNull("error")
                .putNull("incomplete_details");
        response.set("instructions", request.get("instructions"));
        response.set("max_output_tokens", request.get("max_output_tokens"));
        response.put("model", request.get("model").asText());
        ArrayNode output = response.putArray("output");
        output.add(message);
        response.put("parallel_tool_calls", true).putNull("previous_response_id");
        response.putObject("reasoning").putNull("effort").putNull("summary");
        response.put("service_tier", "default").put("store", request.path("store").asBoolean(true))
                .put("temperature", request.path("temperature").asDouble(1.0));
        response.putObject("text").put("verbosity", "medium").set("format", format);
        response.put("tool_choice", "auto");
        response.putArray("tools");
        response.put("top_p", request.path("top_p").asDouble(1.0)).put("truncation", "disabled");
        ObjectNode usage = response.putObject("usage");
        usage.put("input_tokens", inputTokens);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", outputTokens);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", inputTokens + outputTokens);
        response.putNull("user");
        response.putObject("metadata");
        return response;
    }

    private void record(String authorization, JsonNode body, int status, String error) {
        synchronized (requests) {
            requests.add(new ResponsesRequest(authorization, body, status, error, System.currentTimeMillis()));
        }
    }

    private static String id(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
