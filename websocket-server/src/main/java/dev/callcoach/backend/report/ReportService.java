package dev.callcoach.backend.report;

import dev.callcoach.backend.config.SecretToken;
import dev.callcoach.backend.call.CallUsage;
import dev.callcoach.backend.call.SessionStore;
import dev.callcoach.backend.call.CallEventPublisher;
import dev.callcoach.backend.db.SqlValues;
import dev.callcoach.backend.scenario.ScenarioCatalogService;
import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.DeleteReport;
import dev.callcoach.contracts.channel.ErrorCode;
import dev.callcoach.contracts.channel.ErrorReply;
import dev.callcoach.contracts.channel.GetReport;
import dev.callcoach.contracts.channel.ReportDetails;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.contracts.channel.ReportStatusChanged;
import dev.callcoach.contracts.channel.RetryReport;
import dev.callcoach.contracts.channel.Speaker;
import dev.callcoach.contracts.channel.TranscriptLine;
import dev.callcoach.contracts.scenario.Rubric;
import dev.callcoach.contracts.scenario.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A finished call's way to its coaching report: keep the transcript (state preparing, a fresh report token
 * to the webapp), grade it off the call's thread, store the report or the failure, and tell subscribers.
 * Also answers the webapp's fetch, retry and delete requests, each only with the session's report token.
 *
 * <p>A grading failure never loses the transcript: it stays, the state becomes failed, and a retry grades
 * the same transcript again.
 */
@ApplicationScoped
public class ReportService implements FinishedCalls {

    private static final Logger LOG = Logger.getLogger(ReportService.class);

    private final ReportConfig config;
    private final ReportStore store;
    private final Grader grader;
    private final ScenarioCatalogService scenarios;
    private final SessionStore sessions;
    private final CallEventPublisher events;
    private final Clock clock;
    private final MeterRegistry meters;

    ReportService(ReportConfig config, ReportStore store, Grader grader, ScenarioCatalogService scenarios,
                  SessionStore sessions, CallEventPublisher events, Clock clock, MeterRegistry meters) {
        this.config = config;
        this.store = store;
        this.grader = grader;
        this.scenarios = scenarios;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void ended(UUID sessionId, List<TranscriptLine> transcript) {
        if (!config.enabled()) {
            publish(sessionId, ReportState.NONE, null, "reports-off");
            return;
        }
        if (transcript.stream().noneMatch(line -> line.speaker() == Speaker.CALLER && !line.text().isBlank())) {
            publish(sessionId, ReportState.NONE, null, "caller-silent");
            return;
        }
        List<TranscriptLine> kept = TranscriptRedaction.redact(transcript);
        String token = SecretToken.generate();
        sessions.find(sessionId)
                .chain(session -> session.isEmpty()
                        ? Uni.createFrom().item(Optional.<Boolean>empty())
                        : store.insert(sessionId, SecretToken.hash(token), session.get().scenarioId(), kept, now())
                                .map(Optional::of))
                .subscribe().with(inserted -> {
                    if (inserted.isEmpty()) {
                        LOG.warnf("event=report_not_kept session=%s reason=session-unknown", sessionId);
                        publish(sessionId, ReportState.NONE, null, "session-unknown");
                    } else if (!inserted.get()) {
                        // A second hand-over for the same call: the first one's events stand.
                        LOG.warnf("event=report_not_kept session=%s reason=already-kept", sessionId);
                    } else {
                        publish(sessionId, ReportState.PREPARING, token, null);
                        gradeAndStore(sessionId);
                    }
                }, failure -> {
                    LOG.errorf(failure, "event=report_not_kept session=%s reason=storage", sessionId);
                    publish(sessionId, ReportState.NONE, null, "storage-unavailable");
                });
    }

    public Uni<ChannelReply> get(GetReport get) {
        return authorised(get.sessionId(), get.reportToken()).map(found -> found
                .<ChannelReply>map(report -> new ReportDetails(get.correlationId(), report.sessionId(), report.scenarioId(),
                        report.state(), report.transcript(), report.report(), report.createdAt().plus(config.retention())))
                .orElseGet(() -> notFound(get.correlationId(), get.sessionId())));
    }

    public Uni<ChannelReply> retry(RetryReport retry) {
        return authorised(retry.sessionId(), retry.reportToken()).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(notFound(retry.correlationId(), retry.sessionId()));
            }
            // A report preparing for longer than a grading can take lost its grader (an instance went away).
            Instant staleBefore = now().minus(config.timeout().multipliedBy(config.maxRetries() + 2L));
            return store.restart(retry.sessionId(), staleBefore, now()).map(restarted -> {
                if (restarted.isPresent()) {
                    LOG.infof("event=report_retry session=%s", retry.sessionId());
                    publish(retry.sessionId(), ReportState.PREPARING, null, null);
                    gradeAndStore(retry.sessionId());
                }
                // Already ready, or being graded: nothing to do, and the events say how it ends.
                return new Ack(retry.correlationId());
            });
        });
    }

    public Uni<ChannelReply> delete(DeleteReport delete) {
        return authorised(delete.sessionId(), delete.reportToken()).chain(found -> found.isEmpty()
                // Gone already (deleted, expired) or never there: the person's wish is fulfilled either way,
                // but a wrong token must not learn which.
                ? Uni.createFrom().item(new Ack(delete.correlationId()))
                : store.delete(delete.sessionId()).invoke(deleted -> LOG.infof("event=report_deleted session=%s",
                        delete.sessionId())).replaceWith(new Ack(delete.correlationId())));
    }

    private void gradeAndStore(UUID sessionId) {
        store.find(sessionId)
                // The SDK call and JSON work run on a worker, never on a call's or the database's event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(found -> {
                    StoredReport report = found.orElseThrow(() -> new GradingFailure("deleted", "deleted meanwhile"));
                    return Uni.createFrom().completionStage(() -> grader.grade(request(report)));
                })
                .chain(grading -> store.ready(sessionId, grading.report(), now()).invoke(() -> {
                    sessions.recordUsage(sessionId, new CallUsage(grading.inputTokens(), grading.outputTokens(), 0, 0));
                    LOG.infof("event=report_ready session=%s inputTokens=%d outputTokens=%d", sessionId,
                            grading.inputTokens(), grading.outputTokens());
                    publish(sessionId, ReportState.READY, null, null);
                }))
                .subscribe().with(done -> { }, failure -> failed(sessionId, failure));
    }

    private void failed(UUID sessionId, Throwable failure) {
        String reason = failure instanceof GradingFailure grading ? grading.reason() : "error";
        if ("deleted".equals(reason)) {
            return;
        }
        LOG.warnf("event=report_failed session=%s reason=%s message=\"%s\"", sessionId, reason, failure.getMessage());
        store.failed(sessionId, reason, now()).subscribe().with(
                stored -> publish(sessionId, ReportState.FAILED, null, reason),
                storeFailure -> {
                    LOG.errorf(storeFailure, "event=report_failure_not_stored session=%s", sessionId);
                    publish(sessionId, ReportState.FAILED, null, reason);
                });
    }

    private Grader.GradingRequest request(StoredReport report) {
        Rubric rubric = scenarios.rubric(report.scenarioId())
                .orElseThrow(() -> new GradingFailure("unknown-scenario", "scenario " + report.scenarioId() + " is gone"));
        Scenario scenario = scenarios.find(report.scenarioId()).orElseThrow();
        return new Grader.GradingRequest(scenario.name(), scenario.description(), rubric, report.transcript());
    }

    /** The report, if the session has one and the token is its token; otherwise empty, whichever it was. */
    private Uni<Optional<StoredReport>> authorised(UUID sessionId, String token) {
        return store.find(sessionId).map(found -> found.filter(report -> SecretToken.matches(token, report.tokenHash())));
    }

    private void publish(UUID sessionId, ReportState state, String token, String detail) {
        if (state != ReportState.PREPARING) {
            meters.counter("callcoach.reports", "state", state.wireName(), "detail", detail == null ? "" : detail).increment();
        }
        events.publish(new ReportStatusChanged(sessionId, state, token, now(), detail));
    }

    private static ErrorReply notFound(String correlationId, UUID sessionId) {
        return new ErrorReply(correlationId, ErrorCode.NOT_FOUND, "no report for session " + sessionId);
    }

    private Instant now() {
        return SqlValues.now(clock);
    }
}
