package dev.callcoach.simulator.twilio;

import dev.callcoach.simulator.twilio.CallerScript.Answer;
import dev.callcoach.simulator.twilio.CallerScript.Busy;
import dev.callcoach.simulator.twilio.CallerScript.Fail;
import dev.callcoach.simulator.twilio.CallerScript.NoAnswer;
import dev.callcoach.simulator.twilio.MediaStreamClient.EndedBy;
import dev.callcoach.simulator.twilio.SimulatedCall.EndReason;
import dev.callcoach.simulator.twilio.TwilioNotification.Level;
import dev.callcoach.simulator.twilio.Twiml.Connect;
import dev.callcoach.simulator.twilio.Twiml.StreamSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Drives one call through Twilio's lifecycle: queued, initiated, ringing, then the caller script's
 * outcome; on answer it fetches and runs the TwiML, streams media, and finally hangs up with the
 * terminal status callback. Every step runs on the call's own Vert.x context, so the state needs no
 * locks; a generation counter makes continuations of a replaced TwiML document (redirect, hang-up) no-ops.
 */
final class CallLifecycle {

    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final String API_VERSION = "2010-04-01";
    static final Duration AMD_DELAY = Duration.ofMillis(1200);
    static final Duration AMD_MESSAGE_END_DELAY = Duration.ofMillis(2500);

    private final CallEnvironment env;
    private final SimulatedCall call;
    private final CreateCallRequest request;
    private final CallerScript script;
    private final Context context;
    private boolean dialled;
    private int generation;
    private int sequenceNumber;
    private long timeLimitTimer = -1;
    private MediaStreamClient media;

    CallLifecycle(CallEnvironment env, SimulatedCall call, CreateCallRequest request, CallerScript script, Context context) {
        this.env = env;
        this.call = call;
        this.request = request;
        this.script = script;
        this.context = context;
    }

    void start() {
        context.runOnContext(v -> later(env.dialDelay(), this::dial));
    }

    /** Applies a REST {@code Status} update ({@code completed} or {@code canceled}) on the call's context. */
    Future<Void> updateStatus(String status) {
        return onContext(() -> {
            CallStatus current = call.status();
            if (call.isEnded()) {
                return;
            }
            if (current == CallStatus.QUEUED || current == CallStatus.RINGING) {
                finish(CallStatus.CANCELED, EndReason.REST_UPDATE, "487");
            } else if (status.equals("completed")) {
                finish(CallStatus.COMPLETED, EndReason.REST_UPDATE, "200");
            }
        });
    }

    /** Replaces the running TwiML of an in-progress call (REST {@code Url} or {@code Twiml} update). */
    Future<Void> redirect(String url, String method, String twiml) {
        return onContext(() -> {
            if (call.isEnded() || call.status() != CallStatus.IN_PROGRESS) {
                throw new TwilioApiError(400, 21220, "Call is not in-progress. Cannot redirect.");
            }
            generation++;
            stopMedia();
            if (url != null) {
                fetchAndRun("Url", url, method);
            } else {
                run(twiml, null);
            }
        });
    }

    private void dial() {
        if (call.isEnded()) {
            return;
        }
        dialled = true;
        call.status(CallStatus.INITIATED);
        statusCallback("initiated", CallStatus.INITIATED, null);
        if (script.outcome() instanceof Fail) {
            later(env.ringDelay(), () -> finish(CallStatus.FAILED, EndReason.NOT_ANSWERED, "404"));
        } else {
            later(env.ringDelay(), this::ring);
        }
    }

    private void ring() {
        if (call.isEnded()) {
            return;
        }
        call.status(CallStatus.RINGING);
        statusCallback("ringing", CallStatus.RINGING, null);
        Duration timeout = Duration.ofSeconds(request.timeoutSeconds());
        Runnable noAnswer = () -> finish(CallStatus.NO_ANSWER, EndReason.NOT_ANSWERED, "487");
        switch (script.outcome()) {
            case Answer a when a.after().compareTo(timeout) <= 0 -> later(a.after(), this::answer);
            case Busy b when b.after().compareTo(timeout) <= 0 ->
                    later(b.after(), () -> finish(CallStatus.BUSY, EndReason.NOT_ANSWERED, "486"));
            case Answer a -> later(timeout, noAnswer);
            case Busy b -> later(timeout, noAnswer);
            case NoAnswer n -> later(timeout, noAnswer);
            case Fail f -> throw new IllegalStateException("failed calls never ring");
        }
    }

    private void answer() {
        if (call.isEnded()) {
            return;
        }
        call.status(CallStatus.IN_PROGRESS);
        statusCallback("answered", CallStatus.IN_PROGRESS, null);
        if (request.machineDetection() != null && request.asyncAmd()) {
            later(amdDelay(), this::amdResult);
        }
        timeLimitTimer = env.vertx().setTimer(request.timeLimitSeconds() * 1000L,
                id -> finish(CallStatus.COMPLETED, EndReason.TIME_LIMIT, "200"));
        if (request.url() != null) {
            fetchAndRun("Url", request.url(), request.method());
        } else {
            run(request.twiml(), null);
        }
    }

    /** What answering machine detection reports for this call: the script's answer, as Twilio's {@code AnsweredBy}. */
    private String answeredBy() {
        String answeredBy = script.outcome() instanceof Answer a ? a.answeredBy() : "unknown";
        // Without DetectMessageEnd Twilio reports a machine as soon as it recognises one.
        return request.machineDetection().equals("Enable") && answeredBy.startsWith("machine_") ? "machine_start" : answeredBy;
    }

    /** Detection takes a moment: a greeting must be heard to judge it, and its end waited for with DetectMessageEnd. */
    private Duration amdDelay() {
        return request.machineDetection().equals("DetectMessageEnd") && !answeredBy().equals("human")
                ? AMD_MESSAGE_END_DELAY : AMD_DELAY;
    }

    /** Async AMD: the result goes to {@code AsyncAmdStatusCallback} while the call's TwiML is already running. */
    private void amdResult() {
        if (call.isEnded() || request.asyncAmdStatusCallback() == null) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", env.accountSid());
        params.put("AnsweredBy", answeredBy());
        params.put("CallSid", call.sid());
        params.put("MachineDetectionDuration", String.valueOf(amdDelay().toMillis()));
        env.webhooks().send("amd-callback", request.asyncAmdStatusCallback(), request.asyncAmdStatusCallbackMethod(), params)
                .onSuccess(call::amdCallbackSent);
    }

    private void fetchAndRun(String purpose, String url, String method) {
        int gen = generation;
        Map<String, String> params = callParams(CallStatus.IN_PROGRESS);
        if (request.machineDetection() != null && !request.asyncAmd() && purpose.equals("Url")) {
            params.put("AnsweredBy", answeredBy());
        }
        env.webhooks().send(purpose, url, method, params).onSuccess(response -> {
            call.twimlRequested(response);
            if (gen != generation || call.isEnded()) {
                return;
            }
            if (response.responseStatus() < 200 || response.responseStatus() >= 300) {
                call.notify(11200, Level.ERROR, "HTTP retrieval failure: " + url + " answered "
                        + (response.responseStatus() == 0 ? response.failure() : "HTTP " + response.responseStatus()));
                finish(CallStatus.COMPLETED, EndReason.TWIML_ERROR, "200");
                return;
            }
            run(response.responseBody(), url);
        });
    }

    private void run(String xml, String documentUrl) {
        Twiml.Document document;
        try {
            document = Twiml.parse(xml == null ? "" : xml, documentUrl);
        } catch (Twiml.ParseError e) {
            call.notify(12100, Level.ERROR, e.getMessage());
            finish(CallStatus.COMPLETED, EndReason.TWIML_ERROR, "200");
            return;
        }
        document.warnings().forEach(w -> call.notify(12200, Level.WARNING, "Schema validation warning: " + w));
        execute(document.verbs(), 0, generation);
    }

    private void execute(List<Twiml.Verb> verbs, int index, int gen) {
        if (gen != generation || call.isEnded()) {
            return;
        }
        if (index >= verbs.size()) {
            finish(CallStatus.COMPLETED, EndReason.TWIML_ENDED, "200");
            return;
        }
        Runnable next = () -> execute(verbs, index + 1, gen);
        switch (verbs.get(index)) {
            case Connect c -> connect(c, gen, next);
            case Twiml.Say s -> later(Duration.ofMillis(s.millis()), next);
            case Twiml.Play p -> later(Duration.ofSeconds(Math.max(1, p.loop())), next);
            case Twiml.Pause p -> later(Duration.ofSeconds(p.seconds()), next);
            case Twiml.Redirect r -> {
                if (r.url() == null) {
                    next.run();
                } else {
                    fetchAndRun("Redirect", r.url(), r.method());
                }
            }
            case Twiml.Hangup h -> finish(CallStatus.COMPLETED, EndReason.HANGUP_VERB, "200");
            case Twiml.Unsupported u -> {
                call.notify(12200, Level.WARNING, "<" + u.verb() + "> is not simulated; skipped");
                next.run();
            }
        }
    }

    private void connect(Connect connect, int gen, Runnable next) {
        StreamSpec spec = connect.stream();
        if (spec == null || spec.url() == null || !streamUrlAcceptable(spec)) {
            next.run();
            return;
        }
        String streamSid = Sids.stream();
        SimulatedStream stream = new SimulatedStream(streamSid, spec.name() == null ? streamSid : spec.name(), spec.url(),
                env.rewriter().apply(spec.url()), TwilioSignature.sign(env.authToken(), spec.url(), Map.of()),
                spec.parameters(), env.keepHeardAudio());
        call.streamAdded(stream);
        MediaStreamClient client = MediaStreamClient.connect(env.vertx(), env.webSockets(), env.accountSid(), call, stream,
                script.steps());
        media = client;
        client.started().onSuccess(v -> streamCallback(spec, stream, "stream-started", null));
        client.ended().onSuccess(by -> {
            if (media == client) {
                media = null;
            }
            streamCallback(spec, stream, by == EndedBy.FAILED ? "stream-error" : "stream-stopped",
                    by == EndedBy.FAILED ? "WebSocket connection failed" : null);
            if (by == EndedBy.CALLER) {
                finish(CallStatus.COMPLETED, EndReason.CALLER_HUNG_UP, "200");
            } else if (gen == generation && !call.isEnded()) {
                if (connect.action() != null) {
                    fetchAndRun("Connect action", connect.action(), connect.method());
                } else {
                    next.run();
                }
            }
        });
    }

    private boolean streamUrlAcceptable(StreamSpec spec) {
        URI uri = URI.create(spec.url());
        if (!"wss".equalsIgnoreCase(uri.getScheme())) {
            call.notify(31922, Level.ERROR, "Stream - WebSocket - URL scheme must be wss: " + spec.url());
            return false;
        }
        if (uri.getRawQuery() != null) {
            call.notify(31920, Level.ERROR, "Stream - WebSocket - query strings are not supported in <Stream url>; "
                    + "pass data with <Parameter>: " + spec.url());
            return false;
        }
        if (spec.track() != null && !spec.track().equals("inbound_track")) {
            call.notify(31941, Level.ERROR, "Stream - Invalid Track configuration: <Connect><Stream> only supports inbound_track, got "
                    + spec.track());
            return false;
        }
        return true;
    }

    private void finish(CallStatus status, EndReason reason, String sipResponseCode) {
        if (call.isEnded()) {
            return;
        }
        generation++;
        if (timeLimitTimer >= 0) {
            env.vertx().cancelTimer(timeLimitTimer);
        }
        stopMedia();
        call.end(status, reason);
        if (dialled) { // cancelled while still queued: Twilio sends no callbacks at all
            statusCallback("completed", status, sipResponseCode);
        }
    }

    private void stopMedia() {
        MediaStreamClient running = media;
        media = null;
        if (running != null) {
            running.stop(EndedBy.TWILIO);
        }
    }

    private void statusCallback(String event, CallStatus status, String sipResponseCode) {
        if (!request.wantsCallback(event)) {
            return;
        }
        Map<String, String> params = callParams(status);
        params.put("CallbackSource", "call-progress-events");
        params.put("Timestamp", RFC_2822.format(Instant.now()));
        params.put("SequenceNumber", String.valueOf(sequenceNumber++));
        if (status.isTerminal()) {
            int seconds = call.durationSeconds().orElse(0);
            params.put("CallDuration", String.valueOf(seconds));
            if (status == CallStatus.COMPLETED) {
                params.put("Duration", String.valueOf(Math.max(1, (seconds + 59) / 60))); // billed minutes
            }
            params.put("SipResponseCode", sipResponseCode);
        }
        env.webhooks().send("status-callback", request.statusCallback(), request.statusCallbackMethod(), params)
                .onSuccess(call::statusCallbackSent);
    }

    private void streamCallback(StreamSpec spec, SimulatedStream stream, String event, String error) {
        if (spec.statusCallback() == null) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", env.accountSid());
        params.put("CallSid", call.sid());
        params.put("StreamSid", stream.streamSid());
        params.put("StreamName", stream.name());
        params.put("StreamEvent", event);
        if (error != null) {
            params.put("StreamError", error);
        }
        params.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        env.webhooks().send("stream-callback", spec.statusCallback(), spec.statusCallbackMethod(), params)
                .onSuccess(call::streamCallbackSent);
    }

    /** The parameters Twilio sends with every voice webhook of an outbound-api call. */
    private Map<String, String> callParams(CallStatus status) {
        String to = call.to();
        String from = call.from();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", env.accountSid());
        params.put("ApiVersion", API_VERSION);
        params.put("CallSid", call.sid());
        params.put("CallStatus", status.wireName());
        geo(params, "Called", to);
        geo(params, "Caller", from);
        params.put("Direction", "outbound-api");
        geo(params, "From", from);
        geo(params, "To", to);
        return params;
    }

    private static void geo(Map<String, String> params, String prefix, String number) {
        params.put(prefix, number);
        params.put(prefix + "City", "");
        params.put(prefix + "Country", PhoneNumbers.country(number));
        params.put(prefix + "State", "");
        params.put(prefix + "Zip", "");
    }

    private void later(Duration delay, Runnable action) {
        env.vertx().setTimer(Math.max(1, delay.toMillis()), id -> action.run());
    }

    private Future<Void> onContext(Runnable action) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.run();
                done.complete();
            } catch (RuntimeException e) {
                done.fail(e);
            }
        });
        return done.future();
    }
}
