package dev.callcoach.webapp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callcoach.simulator.responses.ResponsesFault;
import dev.callcoach.simulator.twilio.CallerScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feedback after a call, in real Chromium against the whole product: the backend grades through the
 * simulated Responses API, which quotes the transcript it was sent. One stack, six calls, each to its own number.
 *
 * <p>The backend's grading timeout is short in these tests ({@code CALLCOACH_REPORT_TIMEOUT} in the webapp's
 * surefire settings), so a grader that never answers shows "Preparing…" long enough to see, then fails soon.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoachingReportBrowserTest {

    /** The backend's scenario files: each scenario's rubric, as the report must show it. */
    private static final Path SCENARIOS = Path.of("../websocket-server/src/main/resources/scenarios");
    /** Australian mobiles from the range kept for fiction; each a simulated phone that talks. */
    private static final String[] TALKERS = {"0491 570 006", "0491 570 156", "0491 570 157", "0491 570 158"};
    private static final String GRADER_FAILS = "0491 570 159";
    private static final String SILENT = "0491 570 110";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    private LocalStack stack;
    /** The first report's kept link, for the test that comes back to it. */
    private String keptLink;

    @BeforeAll
    void startEverything() throws InterruptedException {
        stack = LocalStack.start();
        // Picks up, hears the greeting, answers, waits for the AI's reply, hangs up: one exchange to grade.
        CallerScript talks = CallerScript.answerAfter(Duration.ofMillis(300))
                .thenWaitForReply()
                .thenSpeak(Duration.ofMillis(1500))
                .thenWaitForReply()
                .hangUpAfter(Duration.ofMillis(300));
        for (String number : TALKERS) {
            stack.twilio().script(e164(number), talks);
        }
        stack.twilio().script(e164(GRADER_FAILS), talks);
        stack.twilio().script(e164(SILENT), CallerScript.answerAfter(Duration.ofMillis(300))
                .thenWaitForReply()
                .hangUpAfter(Duration.ofMillis(300)));
    }

    @AfterAll
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void everyScenarioEndsWithAReportOnEachCriterionQuotingTheTranscript() throws IOException {
        List<JsonNode> scenarios = scenarios();
        assertThat(scenarios).hasSize(TALKERS.length);
        for (int i = 0; i < scenarios.size(); i++) {
            JsonNode scenario = scenarios.get(i);
            String name = scenario.get("name").asText();
            PracticePage page = call(name, TALKERS[i]);
            FeedbackSection feedback = new FeedbackSection(browser.driver());

            List<FeedbackSection.Criterion> shown = feedback.awaitCriteria();

            assertThat(feedback.awaitStatus("Here is your feedback.")).isNotBlank();
            List<String> expectedIds = new ArrayList<>();
            List<String> expectedNames = new ArrayList<>();
            scenario.get("rubric").forEach(c -> {
                expectedIds.add(c.get("id").asText());
                expectedNames.add(c.get("name").asText());
            });
            assertThat(shown).as(name).extracting(FeedbackSection.Criterion::id).containsExactlyElementsOf(expectedIds);
            assertThat(shown).as(name).extracting(FeedbackSection.Criterion::name).containsExactlyElementsOf(expectedNames);
            List<String> transcript = feedback.transcript();
            for (FeedbackSection.Criterion criterion : shown) {
                assertThat(criterion.score()).as(criterion.id()).matches("[1-5] of 5");
                assertThat(criterion.quote()).as(criterion.id()).isNotBlank();
                assertThat(transcript).as("%s quotes the transcript", criterion.id()).contains("You: " + criterion.quote());
                assertThat(page.transcript()).as("%s quotes what the call showed live", criterion.id())
                        .contains("You: " + criterion.quote());
            }
            if (i == 0) {
                assertThat(feedback.keepText()).startsWith("Keep this link to come back to your feedback until ");
                keptLink = feedback.link();
                assertThat(feedback.download()).startsWith("# Practice call: " + name)
                        .contains("### " + expectedNames.getFirst() + ": ").contains("## Transcript");
                browser.driver().executeCdpCommand("Browser.grantPermissions", Map.of("permissions",
                        List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
                assertThat(feedback.copyTranscript()).isEqualTo("Transcript copied.");
                assertThat(feedback.clipboard()).isEqualTo(String.join("\n", transcript) + "\n");
                Gallery.shoot(browser.driver(), "report-ready", "report-summary");
            }
        }
    }

    @Test
    @Order(2)
    void theKeptLinkBringsTheReportBackUntilItIsDeleted() {
        assertThat(keptLink).as("the first test kept a link").isNotNull();
        assertThat(keptLink).contains("/report/").contains("#");
        browser.driver().get(keptLink);
        FeedbackSection feedback = new FeedbackSection(browser.driver());
        assertThat(feedback.awaitCriteria()).isNotEmpty();
        Gallery.shoot(browser.driver(), "report-link", "report-summary");

        feedback.delete();

        assertThat(feedback.awaitStatus("Your transcript and report are deleted."))
                .isEqualTo("Your transcript and report are deleted. The link to them no longer works.");
        assertThat(feedback.shown("report-criteria")).isFalse();
        assertThat(feedback.shown("report-link")).isFalse();
        Gallery.shoot(browser.driver(), "report-deleted", "report");

        browser.driver().navigate().refresh();
        assertThat(new FeedbackSection(browser.driver()).awaitStatus("This transcript and report no longer exist"))
                .isEqualTo("This transcript and report no longer exist: they were deleted, or they expired.");
    }

    @Test
    @Order(3)
    void aGraderFailureIsSaidAndRetryThenSucceeds() {
        stack.responses().fault(ResponsesFault.TIMEOUT);
        try {
            call(scenarioName(0), GRADER_FAILS);
            FeedbackSection feedback = new FeedbackSection(browser.driver());
            feedback.awaitStatus("Preparing your feedback…");
            Gallery.shoot(browser.driver(), "report-preparing", "report");

            assertThat(feedback.awaitStatus("Feedback isn't available for this call."))
                    .isEqualTo("Feedback isn't available for this call. The transcript is kept: you can try again.");
            assertThat(feedback.transcript()).anyMatch(line -> line.startsWith("You: "));
            Gallery.shoot(browser.driver(), "report-failed", "report");
        } finally {
            stack.responses().fault(ResponsesFault.NONE);
        }
        FeedbackSection feedback = new FeedbackSection(browser.driver());

        feedback.retry();

        assertThat(feedback.awaitCriteria()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(feedback.awaitStatus("Here is your feedback.")).isNotBlank();
    }

    @Test
    @Order(4)
    void aCallWhereTheCallerSaidNothingSaysWhyThereIsNoFeedback() {
        call(scenarioName(0), SILENT);
        FeedbackSection feedback = new FeedbackSection(browser.driver());

        assertThat(feedback.awaitStatus("No feedback for this call")).isEqualTo(
                "No feedback for this call: nothing was said on your side of the call, so there is nothing to give feedback on.");
        assertThat(feedback.shown("report-link")).isFalse();
        Gallery.shoot(browser.driver(), "report-none", "report");
    }

    private PracticePage call(String scenario, String number) {
        PracticePage page = PracticePage.open(browser.driver(), stack.pageUrl())
                .chooseScenario(scenario)
                .fillRequiredFields()
                .country("Australia (+61)")
                .number(number)
                .consent()
                .call();
        page.awaitLiveCall();
        return page;
    }

    private static String scenarioName(int index) {
        try {
            return scenarios().get(index).get("name").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> scenarios() throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            List<JsonNode> scenarios = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                scenarios.add(json.readTree(file.toFile()));
            }
            return scenarios;
        }
    }

    private static String e164(String australianNational) {
        return "+61" + australianNational.replace(" ", "").substring(1);
    }
}
