package dev.callcoach.backend.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.ResponseUsage;
import dev.callcoach.backend.realtime.OpenAiConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Grades through the OpenAI Responses API with the official Java SDK ({@code POST {base-url}/responses}),
 * asynchronously: the SDK's own threads wait for the answer. One request per grading, Structured Outputs
 * with the rubric's strict schema ({@link ReportSchema}), the transcript as quoted data ({@link GradingPrompt}),
 * {@code store: false} (nothing about the call is kept at OpenAI beyond its abuse-monitoring window).
 */
@ApplicationScoped
class OpenAiGrader implements Grader {

    private final OpenAIClientAsync client;
    private final ReportConfig config;

    OpenAiGrader(ReportConfig config, OpenAiConfig openAi) {
        this.config = config;
        this.client = OpenAIOkHttpClientAsync.builder()
                .apiKey(openAi.apiKey())
                .baseUrl(config.baseUrl())
                .timeout(config.timeout())
                .maxRetries(config.maxRetries())
                .build();
    }

    @Override
    public CompletionStage<Grading> grade(GradingRequest request) {
        return client.responses().create(params(request, config))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw translate(unwrap(failure));
                    }
                    return read(response, request);
                });
    }

    /** The request exactly as the SDK sends it; a contract test pins its JSON. */
    static ResponseCreateParams params(GradingRequest request, ReportConfig config) {
        ObjectNode schema = ReportSchema.forRubric(request.rubric());
        ResponseFormatTextJsonSchemaConfig.Schema.Builder schemaJson = ResponseFormatTextJsonSchemaConfig.Schema.builder();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> property : schema.properties()) {
            schemaJson.putAdditionalProperty(property.getKey(), JsonValue.fromJsonNode(property.getValue()));
        }
        EasyInputMessage transcript = EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER)
                .content(GradingPrompt.transcriptMessage(request.transcript()))
                .build();
        return ResponseCreateParams.builder()
                .model(config.model())
                .instructions(GradingPrompt.instructions(request))
                .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(transcript)))
                .text(ResponseTextConfig.builder()
                        .format(ResponseFormatTextJsonSchemaConfig.builder()
                                .name(ReportSchema.NAME)
                                .schema(schemaJson.build())
                                .strict(true)
                                .build())
                        .build())
                .maxOutputTokens(config.maxOutputTokens())
                .store(false)
                .build();
    }

    private static Grading read(Response response, GradingRequest request) {
        if (response.status().filter(status -> !status.equals(ResponseStatus.COMPLETED)).isPresent()) {
            throw new GradingFailure("incomplete", "the response ended " + response.status().get()
                    + response.incompleteDetails().flatMap(d -> d.reason()).map(r -> " (" + r + ")").orElse(""));
        }
        StringBuilder text = new StringBuilder();
        for (var item : response.output()) {
            if (item.message().isEmpty()) {
                continue;
            }
            for (ResponseOutputMessage.Content content : item.message().get().content()) {
                if (content.isRefusal()) {
                    throw new GradingFailure("refusal", "the model declined to grade the call");
                }
                content.outputText().ifPresent(output -> text.append(output.text()));
            }
        }
        if (text.isEmpty()) {
            throw new GradingFailure("invalid-output", "the response holds no output text");
        }
        ResponseUsage usage = response.usage().orElse(null);
        return new Grading(ReportSchema.read(text.toString(), request.rubric()),
                usage == null ? 0 : usage.inputTokens(), usage == null ? 0 : usage.outputTokens());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The API's own message is not passed on: it can quote the request. */
    private static RuntimeException translate(Throwable failure) {
        return switch (failure) {
            case GradingFailure known -> known;
            case OpenAIServiceException service -> new GradingFailure(reason(service.statusCode()),
                    "the Responses API answered " + service.statusCode() + service.code().map(c -> " " + c).orElse(""),
                    failure);
            case OpenAIIoException io when hasCause(io, InterruptedIOException.class) ->
                    new GradingFailure("timeout", "no answer from the Responses API in time", failure);
            case OpenAIIoException io -> new GradingFailure("unreachable", "the Responses API could not be reached", failure);
            default -> new GradingFailure("error", "grading failed: " + failure.getClass().getSimpleName(), failure);
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 429 -> "rate-limited";
            case 401, 403 -> "not-authorised";
            case 400, 404, 422 -> "bad-request";
            default -> status >= 500 ? "server-error" : "http-" + status;
        };
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
