package dev.callcoach.backend.channel;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.CallSessions;
import dev.callcoach.backend.db.DatabaseBusyException;
import dev.callcoach.backend.limiter.PhoneAllowance;
import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.limiter.Refusal;
import dev.callcoach.backend.limiter.Reservation;
import dev.callcoach.backend.realtime.RealtimeQuota;
import dev.callcoach.backend.report.ReportService;
import dev.callcoach.backend.scenario.Scenarios;
import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.CallPlaced;
import dev.callcoach.contracts.channel.CallPlacementUnknown;
import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelMessage;
import dev.callcoach.contracts.channel.ChannelProtocol;
import dev.callcoach.contracts.channel.ChannelProtocolException;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ChannelRequest;
import dev.callcoach.contracts.channel.DeleteReport;
import dev.callcoach.contracts.channel.EndCall;
import dev.callcoach.contracts.channel.EndReason;
import dev.callcoach.contracts.channel.ErrorCode;
import dev.callcoach.contracts.channel.ErrorReply;
import dev.callcoach.contracts.channel.GetReport;
import dev.callcoach.contracts.channel.GetScenarioCatalog;
import dev.callcoach.contracts.channel.PhoneLimitCheck;
import dev.callcoach.contracts.channel.PhoneLimitStatus;
import dev.callcoach.contracts.channel.RefusalReason;
import dev.callcoach.contracts.channel.ReleaseCall;
import dev.callcoach.contracts.channel.ReserveBrowserSession;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.contracts.channel.RetryReport;
import dev.callcoach.contracts.channel.ScenarioCatalog;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.contracts.channel.Unsubscribe;
import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.contracts.phone.PhoneRules;
import dev.callcoach.contracts.scenario.FieldError;
import dev.callcoach.contracts.scenario.Scenario;
import dev.callcoach.contracts.scenario.ScenarioConfigValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns one channel frame into one reply: decodes, checks what the webapp may not be trusted with
 * (phone rules, scenario form), calls the limiter and the session store, and maps their answers to
 * protocol messages. Never fails: whatever goes wrong becomes an {@code error} reply.
 */
@ApplicationScoped
public class ChannelDispatcher {

    private static final Logger LOG = Logger.getLogger(ChannelDispatcher.class);
    private static final int MAX_MESSAGE = 1000;

    private final ChannelCodec codec;
    private final PhoneRules phoneRules;
    private final PhoneLimiter limiter;
    private final CallSessions sessions;
    private final Scenarios scenarios;
    private final SessionEvents events;
    private final ChannelConfig config;
    private final MeterRegistry registry;
    private final RealtimeQuota quota;
    private final LookupBudget lookups;
    private final ReportService reports;

    ChannelDispatcher(ChannelCodec codec, PhoneRules phoneRules, PhoneLimiter limiter, CallSessions sessions,
                      Scenarios scenarios, SessionEvents events, ChannelConfig config, MeterRegistry registry,
                      RealtimeQuota quota, ReportService reports) {
        this.codec = codec;
        this.phoneRules = phoneRules;
        this.limiter = limiter;
        this.sessions = sessions;
        this.scenarios = scenarios;
        this.events = events;
        this.config = config;
        this.registry = registry;
        this.quota = quota;
        this.reports = reports;
        this.lookups = new LookupBudget(config.limitChecksPerPeriod(), config.limitCheckPeriod(), System::nanoTime);
    }

    /** Forgets what was kept for a closed connection. */
    void closed(EventSink sink) {
        lookups.forget(sink.id());
    }

    /** The reply to one text frame received from {@code sink}'s connection. */
    public Uni<ChannelReply> handle(String frame, EventSink sink) {
        ChannelMessage message;
        try {
            message = codec.decode(frame);
        } catch (ChannelProtocolException e) {
            return Uni.createFrom().item(error(e.toErrorReply()));
        }
        if (!(message instanceof ChannelRequest request)) {
            return Uni.createFrom().item(error(new ErrorReply(null, ErrorCode.INVALID_MESSAGE,
                    "'" + ChannelProtocol.typeName(message.getClass()) + "' is sent by the backend, not to it")));
        }
        return Uni.createFrom().deferred(() -> dispatch(request, sink))
                .onFailure(DatabaseBusyException.class).recoverWithItem(() -> error(new ErrorReply(request.correlationId(),
                        ErrorCode.UNAVAILABLE, "the call service is busy; try again in a moment")))
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "event=channel_request_failed type=%s correlation=%s",
                            ChannelProtocol.typeName(request.getClass()), request.correlationId());
                    return error(new ErrorReply(request.correlationId(), ErrorCode.INTERNAL,
                            "the backend could not carry out the request"));
                });
    }

    private Uni<ChannelReply> dispatch(ChannelRequest request, EventSink sink) {
        return switch (request) {
            case PhoneLimitCheck check -> lookups.tryTake(sink.id()) ? checkLimit(check) : item(rateLimited(check));
            case ReserveCall reserve -> reserve(reserve);
            // Until browser sessions are served, the page is told the mode is unavailable, never left waiting.
            case ReserveBrowserSession browser -> item(refused(browser.correlationId(), RefusalReason.UNAVAILABLE,
                    "Practising in the browser is not available yet.", 0));
            case CallPlaced placed -> placed(placed);
            case CallPlacementUnknown unknown -> placementUnknown(unknown);
            case ReleaseCall release -> release(release);
            case EndCall end -> end(end);
            case Subscribe subscribe -> item(subscribe(subscribe, sink));
            case Unsubscribe unsubscribe -> {
                events.unsubscribe(sink, unsubscribe.sessionId());
                yield item(new Ack(unsubscribe.correlationId()));
            }
            case GetScenarioCatalog get -> item(new ScenarioCatalog(get.correlationId(), scenarios.all()));
            case GetReport get -> reports.get(get);
            case RetryReport retry -> reports.retry(retry);
            case DeleteReport delete -> reports.delete(delete);
        };
    }

    private Uni<ChannelReply> checkLimit(PhoneLimitCheck check) {
        return switch (phoneRules.check(check.phoneNumber(), null)) {
            case PhoneCheck.Invalid invalid ->
                    item(error(new ErrorReply(check.correlationId(), ErrorCode.INVALID_MESSAGE, invalid.message())));
            case PhoneCheck.Valid valid ->
                    limiter.check(valid.e164()).map(allowance -> status(check.correlationId(), allowance));
        };
    }

    private Uni<ChannelReply> reserve(ReserveCall reserve) {
        String id = reserve.correlationId();
        PhoneCheck phone = phoneRules.check(reserve.phoneNumber(), null);
        if (phone instanceof PhoneCheck.Invalid invalid) {
            return item(refused(id, RefusalReason.INVALID_NUMBER, invalid.message(), 0));
        }
        Optional<Scenario> scenario = scenarios.find(reserve.scenarioId());
        if (scenario.isEmpty()) {
            return item(refused(id, RefusalReason.UNKNOWN_SCENARIO, "There is no such scenario.", 0));
        }
        List<FieldError> problems = ScenarioConfigValidator.validate(scenario.get(), reserve.scenarioConfig(), reserve.voice());
        if (!problems.isEmpty()) {
            String message = problems.stream().map(FieldError::message).collect(Collectors.joining(" "));
            return item(refused(id, RefusalReason.INVALID_CONFIG, truncate(message), 0));
        }
        Optional<Duration> paused = quota.pausedFor();
        if (paused.isPresent()) {
            // Every call would fail the same way and still cost a Twilio call; the page says calling is paused.
            return item(refused(id, RefusalReason.CALLING_PAUSED, "Calling is paused for a while.",
                    Math.max(1, paused.get().toSeconds())));
        }
        String e164 = ((PhoneCheck.Valid) phone).e164();
        return limiter.reserve(e164, reserve.scenarioId(), reserve.scenarioConfig(), reserve.voice())
                .map(reservation -> switch (reservation) {
                    case Reservation.Granted granted -> new CallReserved(id, granted.session().id());
                    case Reservation.Refused refused -> refused(id, refused.refusal());
                });
    }

    private Uni<ChannelReply> placed(CallPlaced placed) {
        return sessions.placed(placed.sessionId(), placed.callSid()).chain(binding -> switch (binding.outcome()) {
            case BOUND -> publishStatus(binding.session().orElseThrow(), null).replaceWith(new Ack(placed.correlationId()));
            case ALREADY_BOUND -> item(new Ack(placed.correlationId()));
            case NOT_FOUND -> item(notFound(placed.correlationId(), placed.sessionId()));
            case CONFLICT -> item(error(new ErrorReply(placed.correlationId(), ErrorCode.INVALID_MESSAGE,
                    "cannot bind the call: " + binding.problem())));
        });
    }

    private Uni<ChannelReply> placementUnknown(CallPlacementUnknown unknown) {
        return sessions.placementUnknown(unknown.sessionId()).map(update -> switch (update.outcome()) {
            case APPLIED -> {
                LOG.infof("event=call_placement_unknown session=%s reason=\"%s\"", unknown.sessionId(), printable(unknown.reason()));
                yield new Ack(unknown.correlationId());
            }
            case IGNORED -> {
                CallSession session = update.session().orElseThrow();
                // A repeat, or Twilio's callback got there first: either way the slot is held as it should be.
                yield session.status() == CallStatus.RELEASED
                        ? error(new ErrorReply(unknown.correlationId(), ErrorCode.INVALID_MESSAGE,
                                "the reservation had already expired or been released; end the call if Twilio placed it"))
                        : new Ack(unknown.correlationId());
            }
            case NOT_FOUND -> notFound(unknown.correlationId(), unknown.sessionId());
        });
    }

    private ErrorReply rateLimited(PhoneLimitCheck check) {
        registry.counter("callcoach.channel.limit.checks.refused").increment();
        return error(new ErrorReply(check.correlationId(), ErrorCode.RATE_LIMITED,
                "too many limit lookups on this connection; try again later"));
    }

    private Uni<ChannelReply> release(ReleaseCall release) {
        String reason = printable(release.reason());
        return limiter.release(release.sessionId()).chain(update -> switch (update.outcome()) {
            case APPLIED -> {
                LOG.infof("event=call_released session=%s reason=\"%s\"", release.sessionId(), reason);
                yield publishStatus(update.session().orElseThrow(), reason).replaceWith(new Ack(release.correlationId()));
            }
            case IGNORED -> {
                CallSession session = update.session().orElseThrow();
                yield item(session.status() == CallStatus.RELEASED
                        ? new Ack(release.correlationId())
                        : error(new ErrorReply(release.correlationId(), ErrorCode.INVALID_MESSAGE,
                                "the call was already placed (" + session.status().wireName() + "); end it instead")));
            }
            case NOT_FOUND -> item(notFound(release.correlationId(), release.sessionId()));
        });
    }

    private Uni<ChannelReply> end(EndCall end) {
        return sessions.findById(end.sessionId()).chain(found -> {
            if (found.isEmpty()) {
                return item(notFound(end.correlationId(), end.sessionId()));
            }
            CallSession session = found.get();
            if (session.status() == CallStatus.RESERVED) {
                return item(error(new ErrorReply(end.correlationId(), ErrorCode.INVALID_MESSAGE,
                        "the call was never placed; release the reservation instead")));
            }
            if (session.status().isTerminal()) {
                return item(new Ack(end.correlationId()));
            }
            return events.requestEnd(session.id(), EndReason.ENDED_FROM_PAGE).replaceWith(new Ack(end.correlationId()));
        });
    }

    private ChannelReply subscribe(Subscribe subscribe, EventSink sink) {
        if (events.subscribe(sink, subscribe.sessionId(), config.maxSubscriptionsPerConnection())) {
            return new Ack(subscribe.correlationId());
        }
        return error(new ErrorReply(subscribe.correlationId(), ErrorCode.INVALID_MESSAGE,
                "this connection already follows " + config.maxSubscriptionsPerConnection()
                        + " sessions; unsubscribe from some first"));
    }

    private Uni<Void> publishStatus(CallSession session, String detail) {
        return events.publish(new CallStatusChanged(session.id(), session.status(), session.updatedAt(), detail));
    }

    private static PhoneLimitStatus status(String correlationId, PhoneAllowance allowance) {
        return new PhoneLimitStatus(correlationId, allowance.limit(), allowance.callsLeft(), allowance.nextAllowedAt(),
                (int) allowance.window().toMinutes());
    }

    private ChannelReply refused(String correlationId, Refusal refusal) {
        long retryAfter = refusal.retryAfterSeconds();
        return switch (refusal.reason()) {
            case PHONE_LIMIT -> refused(correlationId, RefusalReason.PHONE_LIMIT, "This number already had its "
                    + limiter.rules().maxPerWindow() + " calls in the last " + limiter.rules().window().toMinutes()
                    + " minutes.", retryAfter);
            case CONCURRENCY_CAP -> refused(correlationId, RefusalReason.CONCURRENCY_CAP,
                    "All lines are busy right now. Please try again in a moment.", retryAfter);
            case DAILY_CAP -> refused(correlationId, RefusalReason.DAILY_CAP,
                    "Today's practice calls are used up. Please try again later.", retryAfter);
            case BUSY -> refused(correlationId, RefusalReason.BUSY,
                    "The call service is busy. Please try again in a moment.", retryAfter);
            case OUTAGE -> refused(correlationId, RefusalReason.UNAVAILABLE,
                    "Calling is limited while the call service recovers. Please try again later.", retryAfter);
        };
    }

    private ChannelReply refused(String correlationId, RefusalReason reason, String message, long retryAfterSeconds) {
        registry.counter("callcoach.channel.refusals", "reason", reason.name().toLowerCase(Locale.ROOT)).increment();
        return new CallRefused(correlationId, reason, message, retryAfterSeconds);
    }

    private ErrorReply notFound(String correlationId, UUID sessionId) {
        return error(new ErrorReply(correlationId, ErrorCode.NOT_FOUND, "no session " + sessionId));
    }

    private ErrorReply error(ErrorReply reply) {
        registry.counter("callcoach.channel.errors", "code", reply.code().name().toLowerCase(Locale.ROOT)).increment();
        LOG.debugf("event=channel_error code=%s correlation=%s message=\"%s\"", reply.code(), reply.correlationId(),
                reply.message());
        return reply;
    }

    /** Free text from the peer, made safe for a log line. */
    private static String printable(String text) {
        return text.replaceAll("[\\p{Cntrl}\"]", "?");
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static <T extends ChannelReply> Uni<ChannelReply> item(T reply) {
        return Uni.createFrom().item(reply);
    }
}
