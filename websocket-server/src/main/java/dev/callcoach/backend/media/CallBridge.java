package dev.callcoach.backend.media;

import dev.callcoach.backend.media.TwilioFrame.Malformed;
import dev.callcoach.backend.media.TwilioFrame.Problem;
import dev.callcoach.backend.realtime.ClientEvents;
import dev.callcoach.backend.realtime.RealtimeConnector;
import dev.callcoach.backend.realtime.RealtimeConnector.RealtimeLink;
import dev.callcoach.backend.realtime.ServerEvent;
import dev.callcoach.backend.realtime.ServerEvent.Usage;
import dev.callcoach.backend.realtime.SessionUpdateBuilder;
import dev.callcoach.backend.channel.CallEventPublisher;
import dev.callcoach.backend.call.CallUsage;
import dev.callcoach.backend.call.SessionStore;
import dev.callcoach.backend.report.FinishedCalls;
import dev.callcoach.backend.twilio.Twiml;
import dev.callcoach.contracts.channel.Speaker;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One call: the Twilio Media Stream on one side, an OpenAI Realtime session on the other. A state
 * machine with a single writer: every input arrives on the call's thread ({@link CallScheduler}),
 * so nothing here is shared with any other call.
 *
 * <p>Lifecycle: {@code start} → load the session and open Realtime → {@code session.update} and
 * the greeting → audio both ways, barge-in, transcripts → goodbye (the AI's, or a recorded clip if
 * Realtime is lost) → the Twilio stream closes, which ends the call. Whichever side ends first, the
 * other is closed at once.
 */
final class CallBridge {

    private static final Logger LOG = Logger.getLogger(CallBridge.class);

    /** Goodbye clip frames: one second of μ-law each. */
    private static final int CLIP_CHUNK_BYTES = 8000;
    /** Item id under which the recorded goodbye is queued, so its marks are tracked like the AI's. */
    private static final String CLIP_ITEM = "recorded-goodbye";
    /** Assistant items the caller interrupted; late audio deltas for them are dropped. */
    private static final int MAX_TRUNCATED_ITEMS = 8;

    static final String WRAP_UP_MESSAGE = "Time check: the call ends automatically in %d seconds. Wrap up now: "
            + "finish your point briefly, say goodbye, then call end_call.";
    static final String CALLER_ENDS_MESSAGE = "The caller asked to end the call now. Say a short, friendly goodbye "
            + "in one sentence and ask nothing more.";
    static final String RECONNECTED_MESSAGE = "The phone line dropped for a moment and you were reconnected. "
            + "The conversation so far, most recent last:\n%s\nTell the caller briefly that the line dropped, then carry on.";

    /** The Twilio WebSocket of this call. */
    interface TwilioSide {
        void send(String frame);

        void close();
    }

    /** Collaborators shared by all calls of an instance. */
    record Dependencies(CallPlanner planner, RealtimeConnector realtime, SessionUpdateBuilder sessionUpdates,
                        CallEventPublisher events, SessionStore sessions, CallControl control, BridgeMetrics metrics,
                        CallConfig config, byte[] goodbyeClip, FinishedCalls finishedCalls) {
    }

    private enum Phase { AWAITING_START, LOADING, CONNECTING, LIVE, RECONNECTING, FAREWELL, CLOSED }

    private final Dependencies deps;
    private final TwilioSide twilio;
    private final CallScheduler scheduler;
    private final Playback playback = new Playback();
    private final MediaClock clock = new MediaClock();
    private final SequencedSet<String> truncatedItems = new LinkedHashSet<>();

    private Phase phase = Phase.AWAITING_START;
    private String streamSid;
    private UUID sessionId;
    private CallPlan plan;
    private TranscriptAggregator transcripts;
    private RealtimeLink link;
    /** Bumped per Realtime connection so events of a replaced or closed one are ignored. */
    private int connection;
    private boolean reconnectUsed;
    private boolean responseActive;
    private boolean hangingUp;
    private boolean goodbyeOwed;
    private CallScheduler.Cancellable wrapUpTimer;
    private CallScheduler.Cancellable limitTimer;
    private CallScheduler.Cancellable goodbyeTimer;
    private long startedNanos;
    private long connectStartedNanos;
    private long framesIn;
    private long framesOut;
    private long bargeIns;
    private long malformedFrames;
    private CallUsage usage = CallUsage.NONE;

    CallBridge(Dependencies deps, TwilioSide twilio, CallScheduler scheduler) {
        this.deps = deps;
        this.twilio = twilio;
        this.scheduler = scheduler;
    }

    // ---- inputs from the Twilio side (call thread) ----

    void onTwilioText(String text) {
        long receivedNanos = scheduler.nanoTime();
        switch (MediaStreamMessages.parse(text)) {
            case TwilioFrame.Media media -> onMedia(media, receivedNanos);
            case TwilioFrame.Mark mark -> onMark(mark.name());
            case TwilioFrame.Start start -> onStart(start);
            case TwilioFrame.Stop stop -> finish("caller-hung-up");
            case TwilioFrame.Connected connected -> { }
            case TwilioFrame.Dtmf dtmf -> { }
            case Malformed malformed -> malformed(malformed.problem(), malformed.detail());
        }
    }

    void onTwilioBinary() {
        malformed(Problem.BINARY, "binary frame");
    }

    void onTwilioClosed() {
        finish("stream-closed");
    }

    /** Something went wrong in our own code: end this call cleanly rather than leave it half-alive. */
    void onFailure(Throwable failure) {
        LOG.errorf(failure, "call failed session=%s", sessionId);
        finish("internal-error");
    }

    /** From any thread: the webapp asked to end the call. */
    void requestEnd() {
        onCallThread(this::endOnRequest);
    }

    private void onStart(TwilioFrame.Start start) {
        if (phase != Phase.AWAITING_START) {
            malformed(Problem.OUT_OF_ORDER, "second start");
            return;
        }
        streamSid = start.streamSid();
        Optional<UUID> session = parseSessionId(start.parameters().get(Twiml.SESSION_PARAMETER));
        if (session.isEmpty()) {
            LOG.warnf("stream refused stream=%s reason=no-valid-session-parameter", streamSid);
            finish("no-session");
            return;
        }
        sessionId = session.get();
        phase = Phase.LOADING;
        startedNanos = scheduler.nanoTime();
        deps.metrics().callStarted();
        deps.planner().plan(sessionId).subscribe().with(
                found -> onCallThread(() -> onPlan(found)),
                failure -> onCallThread(() -> {
                    LOG.errorf(failure, "session lookup failed session=%s", sessionId);
                    finish("session-lookup-failed");
                }));
    }

    private void onMedia(TwilioFrame.Media media, long receivedNanos) {
        if (phase == Phase.AWAITING_START) {
            malformed(Problem.OUT_OF_ORDER, "media before start");
            return;
        }
        clock.onMedia(media.timestampMs(), receivedNanos);
        // While connecting, reconnecting or saying goodbye there is no one to hear the caller.
        if (phase == Phase.LIVE && link != null && !hangingUp) {
            link.send(ClientEvents.appendAudio(media.payload()));
            framesIn++;
            deps.metrics().forwardedToRealtime(receivedNanos, scheduler.nanoTime());
        }
    }

    private void onMark(String name) {
        if (playback.markEchoed(name, now())) {
            maybeHangUp();
        }
    }

    // ---- session and Realtime connection ----

    private void onPlan(Optional<CallPlan> found) {
        if (phase != Phase.LOADING) {
            return;
        }
        if (found.isEmpty() || !deps.control().register(sessionId, this)) {
            LOG.warnf("stream refused session=%s reason=session-unknown-over-or-already-streaming", sessionId);
            finish("session-not-callable");
            return;
        }
        plan = found.get();
        transcripts = new TranscriptAggregator(sessionId, deps.events(), scheduler, deps.config().transcriptInterval());
        Duration max = deps.config().maxDuration();
        Duration wrapUpAt = max.minus(deps.config().wrapUpBefore());
        if (wrapUpAt.isPositive()) {
            wrapUpTimer = scheduler.schedule(wrapUpAt, guarded(this::wrapUp));
        }
        limitTimer = scheduler.schedule(max, guarded(() -> finish("max-duration")));
        phase = Phase.CONNECTING;
        connect();
    }

    private void connect() {
        int attempt = ++connection;
        connectStartedNanos = scheduler.nanoTime();
        deps.realtime().connect(new RealtimeConnector.Listener() {
            @Override
            public void onEvent(ServerEvent event, long receivedNanos) {
                onCallThread(() -> {
                    if (attempt == connection) {
                        onRealtimeEvent(event, receivedNanos);
                    }
                });
            }

            @Override
            public void onClosed() {
                onCallThread(() -> {
                    if (attempt == connection) {
                        onRealtimeLost("closed");
                    }
                });
            }
        }).subscribe().with(
                opened -> onCallThread(() -> onConnected(attempt, opened)),
                failure -> onCallThread(() -> {
                    if (attempt == connection) {
                        onRealtimeLost("connect failed: " + failure.getMessage());
                    }
                }));
    }

    private void onConnected(int attempt, RealtimeLink opened) {
        if (attempt != connection || (phase != Phase.CONNECTING && phase != Phase.RECONNECTING)) {
            opened.close();
            return;
        }
        link = opened;
        deps.metrics().realtimeConnected(scheduler.nanoTime() - connectStartedNanos);
        link.send(deps.sessionUpdates().build(plan.settings()));
        if (phase == Phase.RECONNECTING) {
            deps.metrics().reconnect(true);
            LOG.infof("realtime reconnected session=%s", sessionId);
            String recap = transcripts.recap();
            if (!recap.isEmpty()) {
                link.send(ClientEvents.systemMessage(RECONNECTED_MESSAGE.formatted(recap)));
            }
        }
        phase = Phase.LIVE;
        // The AI speaks first: the greeting on a new call, a short "the line dropped" after a reconnect.
        startResponse();
    }

    private void onRealtimeLost(String why) {
        if (link != null) {
            link.close();
            link = null;
        }
        responseActive = false;
        switch (phase) {
            case CONNECTING -> {
                LOG.warnf("realtime unavailable session=%s reason=\"%s\" action=goodbye", sessionId, why);
                playRecordedGoodbye();
            }
            case LIVE -> {
                if (hangingUp) {
                    maybeHangUp();
                } else if (!reconnectUsed) {
                    reconnectUsed = true;
                    LOG.warnf("realtime lost session=%s reason=\"%s\" action=reconnect", sessionId, why);
                    phase = Phase.RECONNECTING;
                    // Audio of the lost session cannot be truncated any more; it may still finish playing.
                    connect();
                } else {
                    LOG.warnf("realtime lost session=%s reason=\"%s\" action=goodbye", sessionId, why);
                    playRecordedGoodbye();
                }
            }
            case RECONNECTING -> {
                deps.metrics().reconnect(false);
                LOG.warnf("realtime reconnect failed session=%s reason=\"%s\" action=goodbye", sessionId, why);
                playRecordedGoodbye();
            }
            default -> { }
        }
    }

    // ---- Realtime events ----

    private void onRealtimeEvent(ServerEvent event, long receivedNanos) {
        switch (event) {
            case ServerEvent.AudioDelta delta -> onAudio(delta, receivedNanos);
            case ServerEvent.SpeechStarted started -> onSpeechStarted();
            case ServerEvent.CallerTranscriptDelta d -> transcripts.delta(Speaker.CALLER, d.itemId(), d.delta());
            case ServerEvent.CallerTranscriptDone d -> transcripts.done(Speaker.CALLER, d.itemId(), d.transcript());
            case ServerEvent.AssistantTranscriptDelta d -> transcripts.delta(Speaker.AI, d.itemId(), d.delta());
            case ServerEvent.AssistantTranscriptDone d -> transcripts.done(Speaker.AI, d.itemId(), d.transcript());
            case ServerEvent.FunctionCall call -> onFunctionCall(call);
            case ServerEvent.ResponseCreated created -> responseActive = true;
            case ServerEvent.ResponseDone done -> onResponseDone(done);
            case ServerEvent.Error error -> LOG.warnf("realtime error session=%s type=%s code=%s param=%s message=\"%s\"",
                    sessionId, error.type(), error.code(), error.param(), error.message());
            case ServerEvent.Unknown unknown -> deps.metrics().unknownRealtimeEvent();
            case ServerEvent.Malformed malformed -> LOG.warnf("realtime frame unreadable session=%s reason=\"%s\"",
                    sessionId, malformed.reason());
            case ServerEvent.Ignored ignored -> { }
        }
    }

    private void onAudio(ServerEvent.AudioDelta delta, long receivedNanos) {
        if (phase != Phase.LIVE || truncatedItems.contains(delta.itemId())) {
            return;
        }
        int bytes = base64Bytes(delta.delta());
        if (bytes < 0) {
            LOG.warnf("realtime audio delta is not base64 session=%s item=%s", sessionId, delta.itemId());
            return;
        }
        String mark = playback.queue(delta.itemId(), bytes, now());
        twilio.send(MediaStreamMessages.media(streamSid, delta.delta()));
        twilio.send(MediaStreamMessages.mark(streamSid, mark));
        framesOut++;
        deps.metrics().forwardedToTwilio(receivedNanos, scheduler.nanoTime());
    }

    /** Barge-in: the caller talks over audio not yet played (docs/protocols.md, "Media Streams: marks and barge-in"). */
    private void onSpeechStarted() {
        if (!playback.hasUnplayed() || phase != Phase.LIVE) {
            return;
        }
        long now = now();
        String item = playback.currentItem();
        long playedMs = playback.playedMs(now);
        // Clear first: every millisecond until Twilio has it is more audio the caller talks over.
        twilio.send(MediaStreamMessages.clear(streamSid));
        if (item != null && link != null && !item.equals(CLIP_ITEM)) {
            link.send(ClientEvents.truncate(item, playedMs));
            truncatedItems.add(item);
            if (truncatedItems.size() > MAX_TRUNCATED_ITEMS) {
                truncatedItems.removeFirst();
            }
        }
        playback.clear(now);
        bargeIns++;
        deps.metrics().bargeIn();
        maybeHangUp();
    }

    private void onFunctionCall(ServerEvent.FunctionCall call) {
        if (SessionUpdateBuilder.END_CALL_TOOL.equals(call.name())) {
            link.send(ClientEvents.functionCallOutput(call.callId(), "{\"ok\":true}"));
            LOG.infof("ai ends the call session=%s", sessionId);
            beginHangUp();
        } else {
            link.send(ClientEvents.functionCallOutput(call.callId(), "{\"error\":\"no such tool\"}"));
        }
    }

    private void onResponseDone(ServerEvent.ResponseDone done) {
        responseActive = false;
        if (!Usage.NONE.equals(done.usage())) {
            CallUsage used = new CallUsage(done.usage().inputTokens(), done.usage().outputTokens(),
                    done.usage().inputAudioTokens(), done.usage().outputAudioTokens());
            usage = usage.plus(used);
            deps.sessions().recordUsage(sessionId, used);
        }
        if (goodbyeOwed) {
            goodbyeOwed = false;
            askForGoodbye();
        }
        maybeHangUp();
    }

    // ---- ending ----

    private void wrapUp() {
        if (phase == Phase.LIVE && link != null && !hangingUp) {
            link.send(ClientEvents.systemMessage(WRAP_UP_MESSAGE.formatted(deps.config().wrapUpBefore().toSeconds())));
        }
    }

    private void endOnRequest() {
        if (phase == Phase.CLOSED || phase == Phase.FAREWELL || hangingUp) {
            return;
        }
        LOG.infof("call end requested session=%s", sessionId);
        if (phase != Phase.LIVE || link == null) {
            finish("ended-by-request");
            return;
        }
        beginHangUp();
        if (responseActive) {
            goodbyeOwed = true;
        } else {
            askForGoodbye();
        }
    }

    private void askForGoodbye() {
        if (link != null) {
            link.send(ClientEvents.systemMessage(CALLER_ENDS_MESSAGE));
            startResponse();
        }
    }

    private void startResponse() {
        link.send(ClientEvents.createResponse());
        // Counted as running from now, so a hang-up waits for it even before response.created arrives.
        responseActive = true;
    }

    private void beginHangUp() {
        hangingUp = true;
        goodbyeTimer = scheduler.schedule(deps.config().goodbyeTimeout(), guarded(() -> finish("goodbye-timeout")));
    }

    /** Hangs up once the goodbye has been said and heard. */
    private void maybeHangUp() {
        if (phase == Phase.FAREWELL && !playback.hasUnplayed()) {
            finish("realtime-lost");
        } else if (hangingUp && !responseActive && !goodbyeOwed && !playback.hasUnplayed()) {
            finish("goodbye-played");
        }
    }

    private void playRecordedGoodbye() {
        phase = Phase.FAREWELL;
        cancel(goodbyeTimer);
        twilio.send(MediaStreamMessages.clear(streamSid));
        long now = now();
        playback.clear(now);
        byte[] clip = deps.goodbyeClip();
        Base64.Encoder base64 = Base64.getEncoder();
        String mark = null;
        for (int offset = 0; offset < clip.length; offset += CLIP_CHUNK_BYTES) {
            int length = Math.min(CLIP_CHUNK_BYTES, clip.length - offset);
            twilio.send(MediaStreamMessages.media(streamSid, base64.encodeToString(
                    Arrays.copyOfRange(clip, offset, offset + length))));
            mark = playback.queue(CLIP_ITEM, length, now);
        }
        if (mark == null) {
            finish("realtime-lost");
            return;
        }
        twilio.send(MediaStreamMessages.mark(streamSid, mark));
        goodbyeTimer = scheduler.schedule(Duration.ofMillis(clip.length / 8).plus(deps.config().goodbyeTimeout()),
                guarded(() -> finish("goodbye-timeout")));
    }

    /** Ends the call: closes both sockets, forgets the call, logs a summary. Idempotent. */
    private void finish(String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean started = phase != Phase.AWAITING_START;
        phase = Phase.CLOSED;
        connection++;
        cancel(wrapUpTimer);
        cancel(limitTimer);
        cancel(goodbyeTimer);
        if (link != null) {
            link.close();
            link = null;
        }
        twilio.close();
        if (transcripts != null) {
            transcripts.close();
        }
        if (started) {
            deps.metrics().callEnded(reason);
            long durationMs = (scheduler.nanoTime() - startedNanos) / 1_000_000;
            if (plan != null) {
                deps.control().unregister(sessionId, this);
                handOverTranscript();
            }
            LOG.infof("call ended session=%s reason=%s durationMs=%d framesIn=%d framesOut=%d bargeIns=%d "
                            + "reconnected=%s malformedFrames=%d inputTokens=%d outputTokens=%d",
                    sessionId, reason, durationMs, framesIn, framesOut, bargeIns, reconnectUsed, malformedFrames,
                    usage.inputTokens(), usage.outputTokens());
        }
    }

    /** The report must never be why a call fails to end cleanly. */
    private void handOverTranscript() {
        try {
            deps.finishedCalls().ended(sessionId, transcripts.finalLines());
        } catch (RuntimeException e) {
            LOG.errorf(e, "transcript not handed over session=%s", sessionId);
        }
    }

    // ---- helpers ----

    private void malformed(Problem problem, String detail) {
        deps.metrics().malformed(problem);
        if (malformedFrames++ == 0) {
            LOG.warnf("twilio frame refused session=%s problem=%s detail=\"%s\" (later ones on this call are only counted)",
                    sessionId, problem.tag(), detail);
        }
    }

    private void onCallThread(Runnable task) {
        scheduler.execute(guarded(task));
    }

    /** A task that ends this call cleanly, rather than leaving it half-alive, if it throws. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                onFailure(e);
            }
        };
    }

    private long now() {
        return clock.nowMs(scheduler.nanoTime());
    }

    private static int base64Bytes(String base64) {
        return MediaStreamMessages.isBase64(base64) ? MediaStreamMessages.decodedLength(base64) : -1;
    }

    private static void cancel(CallScheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private static Optional<UUID> parseSessionId(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
