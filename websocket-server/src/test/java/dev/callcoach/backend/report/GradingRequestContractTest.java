package dev.callcoach.backend.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callcoach.backend.realtime.OpenAiConfig;
import dev.callcoach.backend.realtime.RealtimeApi;
import dev.callcoach.contracts.channel.CoachingReport;
import dev.callcoach.contracts.channel.CriterionScore;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptLine;
import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.responses.ResponsesFault;
import dev.callcoach.simulator.responses.ResponsesRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the request the grader sends, as the official SDK puts it on the wire, against the Responses API's
 * shape: captured at the simulator, which checks it as the API does. Also how each way the API can fail
 * becomes a failure reason.
 */
class GradingRequestContractTest {

    private static final String KEY = "sk-contract-test";
    private static final List<TranscriptLine> TRANSCRIPT = List.of(
            new TranscriptLine(Speaker.AI, "Hi, this is Alex. Is now a good time?", 900),
            new TranscriptLine(Speaker.CALLER, "Yes, thanks for calling.", 4100),
            new TranscriptLine(Speaker.AI, "Tell me about a project.", 6000),
            new TranscriptLine(Speaker.CALLER, "I cut our batch job from four hours to forty minutes.", 9800));
    private static final Grader.GradingRequest REQUEST = new Grader.GradingRequest("Job interview", "A phone screen.",
            ReportSchemaTest.RUBRIC, TRANSCRIPT);

    private final FakeRealtime fake = FakeRealtime.builder().apiKey(KEY).start();
    private final OpenAiGrader grader = new OpenAiGrader(config(fake.apiBaseUrl()), openAi());

    @AfterEach
    void stop() {
        grader.close();
        fake.close();
    }

    @Test
    void theRequestIsAStrictStructuredOutputsCallWithTheTranscriptAsQuotedUserData() throws Exception {
        Grading grading = grader.grade(REQUEST).toCompletableFuture().get(10, TimeUnit.SECONDS);

        ResponsesRequest sent = fake.responses().requests().getFirst();
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.authorization()).isEqualTo("Bearer " + KEY);
        JsonNode body = sent.body();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("model", "instructions", "input", "text", "max_output_tokens", "store");
        assertThat(body.get("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(body.get("store").asBoolean()).isFalse();
        assertThat(body.get("max_output_tokens").asLong()).isEqualTo(2000);
        assertThat(body.get("instructions").asText()).isEqualTo(GradingPrompt.instructions(REQUEST));

        assertThat(body.get("input")).hasSize(1);
        JsonNode message = body.get("input").get(0);
        assertThat(message.get("role").asText()).isEqualTo("user");
        assertThat(message.get("content").asText()).isEqualTo(GradingPrompt.transcriptMessage(TRANSCRIPT));

        JsonNode format = body.at("/text/format");
        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        assertThat(format.get("name").asText()).isEqualTo("coaching_report");
        assertThat(format.get("strict").asBoolean()).isTrue();
        assertThat(format.get("schema")).isEqualTo(ReportSchema.forRubric(ReportSchemaTest.RUBRIC));

        CoachingReport report = grading.report();
        assertThat(report.criteria()).extracting(CriterionScore::id).containsExactly("star-examples", "clarity", "questions");
        assertThat(report.criteria()).extracting(CriterionScore::quote)
                .allSatisfy(quote -> assertThat(TRANSCRIPT).anySatisfy(line -> assertThat(line.text()).contains(quote)));
        assertThat(grading.inputTokens()).isPositive();
        assertThat(grading.outputTokens()).isPositive();
    }

    @Test
    void eachFailureOfTheApiHasItsReason() {
        assertFailure(ResponsesFault.SERVER_ERROR, "server-error");
        assertFailure(ResponsesFault.RATE_LIMITED, "rate-limited");
        assertFailure(ResponsesFault.REFUSAL, "refusal");
        assertFailure(ResponsesFault.TIMEOUT, "timeout");
    }

    @Test
    void aWrongKeyIsNotAuthorised() {
        OpenAiGrader wrongKey = new OpenAiGrader(config(fake.apiBaseUrl()), new TestOpenAi("sk-wrong"));
        try {
            assertThatThrownBy(() -> wrongKey.grade(REQUEST).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(GradingFailure.class, f -> assertThat(f.reason()).isEqualTo("not-authorised"));
        } finally {
            wrongKey.close();
        }
    }

    private void assertFailure(ResponsesFault fault, String reason) {
        fake.responses().fault(fault);
        assertThatThrownBy(() -> grader.grade(REQUEST).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(GradingFailure.class, f -> assertThat(f.reason()).isEqualTo(reason));
    }

    static ReportConfig config(String baseUrl) {
        return new ReportConfig() {
            public boolean enabled() { return true; }
            public String baseUrl() { return baseUrl; }
            public String model() { return "gpt-4.1-mini"; }
            public Duration timeout() { return Duration.ofSeconds(1); }
            public int maxRetries() { return 0; }
            public long maxOutputTokens() { return 2000; }
            public Duration retention() { return Duration.ofDays(7); }
            public Duration cleanupInterval() { return Duration.ofHours(1); }
            public int cleanupBatchSize() { return 1000; }
        };
    }

    private static OpenAiConfig openAi() {
        return new TestOpenAi(KEY);
    }

    private record TestOpenAi(String apiKey) implements OpenAiConfig {
        public String realtimeUrl() { return "ws://unused"; }
        public String model() { return "gpt-realtime"; }
        public RealtimeApi api() { return RealtimeApi.GA; }
        public Optional<String> transcriptionModel() { return Optional.empty(); }
        public Duration connectTimeout() { return Duration.ofSeconds(1); }
        public Duration sessionConfirmTimeout() { return Duration.ofSeconds(5); }
        public Duration responseRetryDelay() { return Duration.ofSeconds(1); }
        public Duration quotaPause() { return Duration.ofMinutes(10); }
    }

}
