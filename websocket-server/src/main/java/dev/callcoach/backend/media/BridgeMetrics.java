package dev.callcoach.backend.media;

import dev.callcoach.backend.call.CallCapacity;
import dev.callcoach.backend.media.TwilioFrame.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The bridge's meters, shared by all calls of this instance. */
final class BridgeMetrics {

    private final MeterRegistry registry;
    private final CallCapacity capacity;
    private final Counter framesToRealtime;
    private final Counter framesToTwilio;
    private final Counter droppedToRealtime;
    private final Counter droppedToTwilio;
    private final Timer delayToRealtime;
    private final Timer delayToTwilio;
    private final Timer realtimeConnect;
    private final Counter bargeIns;
    private final Timer bargeInReaction;
    private final Counter reconnectsSucceeded;
    private final Counter reconnectsFailed;
    private final Counter unknownRealtimeEvents;
    private final Map<Problem, Counter> malformed = new EnumMap<>(Problem.class);

    BridgeMetrics(MeterRegistry registry, CallCapacity capacity) {
        this.registry = registry;
        this.capacity = capacity;
        registry.gauge("callcoach.calls.active", capacity, CallCapacity::active);
        this.framesToRealtime = frames("twilio-to-realtime");
        this.framesToTwilio = frames("realtime-to-twilio");
        this.droppedToRealtime = dropped("twilio-to-realtime");
        this.droppedToTwilio = dropped("realtime-to-twilio");
        this.delayToRealtime = forwardingDelay("twilio-to-realtime");
        this.delayToTwilio = forwardingDelay("realtime-to-twilio");
        this.realtimeConnect = Timer.builder("callcoach.realtime.connect")
                .description("Time to open the OpenAI Realtime socket")
                .publishPercentileHistogram()
                .register(registry);
        this.bargeIns = Counter.builder("callcoach.bargeins")
                .description("Times the caller interrupted the AI and its audio was truncated")
                .register(registry);
        this.bargeInReaction = microsecondTimer("callcoach.bargein.reaction")
                .description("Time from the caller's speech start reaching the bridge to the clear (and the truncate) being sent")
                .register(registry);
        this.reconnectsSucceeded = reconnects("succeeded");
        this.reconnectsFailed = reconnects("failed");
        this.unknownRealtimeEvents = Counter.builder("callcoach.realtime.events.unknown")
                .description("Realtime server events of a type this client does not know")
                .register(registry);
        for (Problem problem : Problem.values()) {
            malformed.put(problem, Counter.builder("callcoach.twilio.frames.malformed")
                    .description("Media Stream frames refused, by problem")
                    .tag("problem", problem.tag())
                    .register(registry));
        }
    }

    void callStarted() {
        capacity.callStarted();
    }

    void callEnded(String reason) {
        capacity.callEnded();
        registry.counter("callcoach.calls.ended", "reason", reason).increment();
    }

    void forwardedToRealtime(long receivedNanos, long sentNanos) {
        framesToRealtime.increment();
        delayToRealtime.record(sentNanos - receivedNanos, TimeUnit.NANOSECONDS);
    }

    void forwardedToTwilio(long receivedNanos, long sentNanos) {
        framesToTwilio.increment();
        delayToTwilio.record(sentNanos - receivedNanos, TimeUnit.NANOSECONDS);
    }

    void droppedToRealtime() {
        droppedToRealtime.increment();
    }

    void droppedToTwilio() {
        droppedToTwilio.increment();
    }

    void realtimeConnected(long nanos) {
        realtimeConnect.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A barge-in acted on: the speech start read at {@code receivedNanos}, the clear and truncate sent by {@code actedNanos}. */
    void bargeIn(long receivedNanos, long actedNanos) {
        bargeIns.increment();
        bargeInReaction.record(actedNanos - receivedNanos, TimeUnit.NANOSECONDS);
    }

    void reconnect(boolean succeeded) {
        (succeeded ? reconnectsSucceeded : reconnectsFailed).increment();
    }

    void unknownRealtimeEvent() {
        unknownRealtimeEvents.increment();
    }

    void sessionRefused() {
        registry.counter("callcoach.realtime.sessions.refused").increment();
    }

    void responseFailed(String code) {
        registry.counter("callcoach.realtime.responses.failed", "code", code).increment();
    }

    void responseIncomplete(String reason) {
        registry.counter("callcoach.realtime.responses.incomplete", "reason", reason == null ? "unknown" : reason).increment();
    }

    void realtimeError(String cause) {
        registry.counter("callcoach.realtime.errors", "cause", cause).increment();
    }

    void malformed(Problem problem) {
        malformed.get(problem).increment();
    }

    void malformed(BrowserFrame.Problem problem) {
        registry.counter("callcoach.browser.frames.malformed", "problem", problem.tag()).increment();
    }

    private Counter frames(String direction) {
        return Counter.builder("callcoach.media.frames")
                .description("Media frames forwarded by the bridge")
                .tag("direction", direction)
                .register(registry);
    }

    private Counter dropped(String direction) {
        return Counter.builder("callcoach.media.frames.dropped")
                .description("Media frames dropped because they could not be forwarded within the bridge's deadline")
                .tag("direction", direction)
                .register(registry);
    }

    private Counter reconnects(String outcome) {
        return Counter.builder("callcoach.realtime.reconnects")
                .description("Attempts to replace a dropped Realtime session, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private Timer forwardingDelay(String direction) {
        return microsecondTimer("callcoach.bridge.forwarding.delay")
                .description("Time from a frame reaching the bridge to its hand-off to the other socket")
                .tag("direction", direction)
                .register(registry);
    }

    /** The bridge's own work takes microseconds: buckets from 1 µs, where the default histogram starts at 1 ms. */
    private static Timer.Builder microsecondTimer(String name) {
        return Timer.builder(name)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofMillis(100));
    }
}
