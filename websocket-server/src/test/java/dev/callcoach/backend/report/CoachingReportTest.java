package dev.callcoach.backend.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.scenario.ScenarioCatalogService;
import dev.callcoach.backend.testing.BridgeTestProfile;
import dev.callcoach.backend.testing.ChannelClient;
import dev.callcoach.backend.testing.PlainNumberScan;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.SimulatedCallTest;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.CallPlaced;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.CriterionScore;
import dev.callcoach.contracts.channel.DeleteReport;
import dev.callcoach.contracts.channel.ErrorCode;
import dev.callcoach.contracts.channel.ErrorReply;
import dev.callcoach.contracts.channel.GetReport;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.contracts.channel.ReportStatusChanged;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.contracts.channel.RetryReport;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.contracts.channel.TranscriptLine;
import dev.callcoach.contracts.scenario.RubricCriterion;
import dev.callcoach.contracts.scenario.Scenario;
import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.realtime.SessionScript;
import dev.callcoach.simulator.responses.ResponsesFault;
import dev.callcoach.simulator.twilio.CallerScript;
import dev.callcoach.simulator.twilio.SimulatedCall;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coaching reports over real sockets: FakeTwilio places a simulated call to the backend, FakeRealtime plays
 * the AI and grades the call at {@code /v1/responses}, embedded Postgres keeps the transcript, and a webapp
 * channel client follows the report from {@code preparing} to {@code ready}, fetches, retries and deletes it.
 */
@QuarkusTest
@TestProfile(BridgeTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class CoachingReportTest extends SimulatedCallTest {

    private static final Map<String, Map<String, String>> SETTINGS = Map.of(
            "job-interview", Map.of("role", "Junior backend developer", "difficulty", "tough"),
            "language-practice", Map.of("language", "Spanish", "level", "beginner"),
            "sales-cold-call", Map.of("product", "Route planning software", "attitude", "skeptical"),
            "upset-customer", Map.of("business", "Acme Broadband", "problem", "My internet drops every evening.",
                    "mood", "frustrated"));
    private static final List<String> CALLER_SAYS = List.of(
            "At my last job I cut our nightly batch from four hours to forty minutes.",
            "What would my first three months look like?");

    @Inject
    ScenarioCatalogService scenarios;
    @Inject
    ReportCleanup cleanup;

    @BeforeEach
    void setUp() {
        pool.query("TRUNCATE call_report").execute().await().indefinitely();
        realtime.script(SessionScript.defaults().greetFromInstructions().transcripts(CALLER_SAYS.toArray(String[]::new)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-interview", "language-practice", "sales-cold-call", "upset-customer"})
    void aCallEndsWithAReportOnEveryCriterionQuotingTheTranscript(String scenarioId) throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            UUID session = talk(webapp, scenarioId, true);
            String token = awaitToken(webapp, session);
            awaitState(webapp, session, ReportState.READY);

            ReportDetails details = (ReportDetails) webapp.request(new GetReport("g-1", session, token));

            assertThat(details.state()).isEqualTo(ReportState.READY);
            assertThat(details.scenarioId()).isEqualTo(scenarioId);
            assertThat(details.transcript()).extracting(TranscriptLine::speaker).contains(Speaker.AI, Speaker.CALLER);
            assertThat(details.transcript()).filteredOn(line -> line.speaker() == Speaker.CALLER)
                    .extracting(TranscriptLine::text).containsExactlyElementsOf(CALLER_SAYS);
            // The simulated AI opens with the scenario's own greeting, so the report grades a fitting call.
            String greeting = details.transcript().stream().filter(line -> line.speaker() == Speaker.AI).findFirst()
                    .orElseThrow().text();
            assertThat(scenarios.instructions(scenarioId, SETTINGS.get(scenarioId), voice(scenarioId))).contains(greeting);
            assertThat(details.report().criteria()).extracting(CriterionScore::id)
                    .containsExactlyElementsOf(scenarios.rubric(scenarioId).orElseThrow().ids());
            assertThat(details.report().criteria()).extracting(CriterionScore::name).containsExactlyElementsOf(
                    scenarios.rubric(scenarioId).orElseThrow().criteria().stream().map(RubricCriterion::name).toList());
            for (CriterionScore score : details.report().criteria()) {
                assertThat(details.transcript()).as(score.id()).anySatisfy(line -> assertThat(line.text()).contains(score.quote()));
            }
            assertThat(details.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofDays(6)));
            assertThat(PlainNumberScan.find(pool, TestNumbers.issued())).isEmpty();
        }
    }

    @Test
    void aGraderFailureKeepsTheTranscriptAndARetrySucceeds() throws Exception {
        realtime.responses().fault(ResponsesFault.SERVER_ERROR);
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            UUID session = talk(webapp, "job-interview", true);
            String token = awaitToken(webapp, session);
            ReportStatusChanged failed = awaitState(webapp, session, ReportState.FAILED);
            assertThat(failed.detail()).isEqualTo("server-error");

            ReportDetails kept = (ReportDetails) webapp.request(new GetReport("g-1", session, token));
            assertThat(kept.state()).isEqualTo(ReportState.FAILED);
            assertThat(kept.report()).isNull();
            assertThat(kept.transcript()).extracting(TranscriptLine::text).containsAll(CALLER_SAYS);
            long tokensBefore = inputTokens(session);

            realtime.responses().fault(ResponsesFault.NONE);
            assertThat(webapp.request(new RetryReport("r-1", session, token))).isEqualTo(new Ack("r-1"));
            awaitState(webapp, session, ReportState.READY);

            assertThat(((ReportDetails) webapp.request(new GetReport("g-2", session, token))).report()).isNotNull();
            // The grading's tokens count towards the session's usage.
            assertThat(inputTokens(session)).isGreaterThan(tokensBefore);
            // Once ready, a retry changes nothing.
            assertThat(webapp.request(new RetryReport("r-2", session, token))).isEqualTo(new Ack("r-2"));
        }
    }

    @Test
    void aGraderTimeoutFailsTheReportAndTheCallStillEndedNormally() throws Exception {
        realtime.responses().fault(ResponsesFault.TIMEOUT);
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            UUID session = talk(webapp, "sales-cold-call", true);
            awaitToken(webapp, session);
            assertThat(awaitState(webapp, session, ReportState.FAILED).detail()).isEqualTo("timeout");
        }
    }

    @Test
    void aCallerWhoSaidNothingGetsNoReportAndNothingIsKept() throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            UUID session = talk(webapp, "upset-customer", false);

            ReportStatusChanged none = awaitState(webapp, session, ReportState.NONE);
            assertThat(none.detail()).isEqualTo("caller-silent");
            assertThat(none.reportToken()).isNull();
            assertThat(reportRows(session)).isZero();
        }
    }

    @Test
    void onlyTheTokenOpensTheReportAndDeletionRemovesTheRows() throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            UUID session = talk(webapp, "language-practice", true);
            String token = awaitToken(webapp, session);
            awaitState(webapp, session, ReportState.READY);
            String guess = "A".repeat(43);

            assertNotFound(webapp.request(new GetReport("g-1", session, guess)));
            assertNotFound(webapp.request(new RetryReport("r-1", session, guess)));
            assertNotFound(webapp.request(new GetReport("g-2", UUID.randomUUID(), token)));
            // A wrong token deletes nothing, and learns nothing either.
            assertThat(webapp.request(new DeleteReport("d-1", session, guess))).isEqualTo(new Ack("d-1"));
            assertThat(reportRows(session)).isOne();

            assertThat(webapp.request(new DeleteReport("d-2", session, token))).isEqualTo(new Ack("d-2"));

            assertThat(reportRows(session)).isZero();
            assertNotFound(webapp.request(new GetReport("g-3", session, token)));
            assertThat(webapp.request(new DeleteReport("d-3", session, token))).isEqualTo(new Ack("d-3"));
        }
    }

    @Test
    void theCleanupJobDeletesReportsPastTheirRetention() throws Exception {
        try (ChannelClient webapp = ChannelClient.connect(base)) {
            UUID old = talk(webapp, "job-interview", true);
            awaitState(webapp, old, ReportState.READY);
            pool.preparedQuery("UPDATE call_report SET created_at = created_at - interval '7 days 1 minute' WHERE session_id = $1")
                    .execute(Tuple.of(old)).await().indefinitely();

            assertThat(cleanup.run().await().indefinitely()).isOne();
            assertThat(reportRows(old)).isZero();
        }
    }

    // ---- a call, as the webapp and the caller see it ----

    private UUID talk(ChannelClient webapp, String scenarioId, boolean callerSpeaks) throws Exception {
        String number = TestNumbers.fresh();
        UUID session = ((CallReserved) webapp.request(new ReserveCall("res-" + scenarioId, number, scenarioId,
                SETTINGS.get(scenarioId), voice(scenarioId)))).sessionId();
        webapp.request(new Subscribe("sub-" + session, session));
        CallerScript script = callerSpeaks
                ? CallerScript.answerAfter(Duration.ofMillis(100)).thenWaitForReply().thenSpeak(Duration.ofMillis(800))
                        .thenWaitForReply().thenSpeak(Duration.ofMillis(800)).thenWaitForReply().thenHangUp()
                : CallerScript.answerAfter(Duration.ofMillis(100)).thenWaitForReply().thenHangUp();
        SimulatedCall call = twilio.call(session, number, script);
        webapp.request(new CallPlaced("pl-" + session, session, call.sid()));
        call.whenEnded().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return session;
    }

    private String voice(String scenarioId) {
        return scenarios.find(scenarioId).map(Scenario::defaultVoice).orElseThrow();
    }

    private static String awaitToken(ChannelClient webapp, UUID session) {
        ReportStatusChanged preparing = awaitState(webapp, session, ReportState.PREPARING);
        assertThat(preparing.reportToken()).hasSizeGreaterThanOrEqualTo(22);
        return preparing.reportToken();
    }

    private static ReportStatusChanged awaitState(ChannelClient webapp, UUID session, ReportState state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> webapp.events().stream()
                .filter(event -> event instanceof ReportStatusChanged change && change.sessionId().equals(session)
                        && change.state() == state)
                .map(ReportStatusChanged.class::cast).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static void assertNotFound(ChannelReply reply) {
        assertThat(reply).isInstanceOfSatisfying(ErrorReply.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    private long reportRows(UUID session) {
        return pool.preparedQuery("SELECT count(*) FROM call_report WHERE session_id = $1").execute(Tuple.of(session))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private long inputTokens(UUID session) {
        return pool.preparedQuery("SELECT input_tokens FROM call_session WHERE id = $1").execute(Tuple.of(session))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
