package dev.callcoach.simulator.bench;

import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.BrowserSessionReserved;
import dev.callcoach.contracts.channel.CallPlaced;
import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.ChannelProtocol;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ErrorReply;
import dev.callcoach.contracts.channel.RefusalReason;
import dev.callcoach.contracts.channel.ReserveBrowserSession;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.simulator.twilio.TwilioSignature;
import dev.callcoach.simulator.twilio.TwimlStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * One measured run against a running backend: N calls set up as the webapp and Twilio do, a
 * warm-up, then a measured window, then every call hung up.
 *
 * <p>Per phone call: {@code call.reserve} → {@code call.reserved} and {@code call.placed} with a made-up
 * call SID over the channel; the signed voice webhook {@code POST /twilio/voice/{session}}; the
 * Media Stream at whatever URL the TwiML names, signed as Twilio signs it. Per browser call:
 * {@code browser.reserve} → {@code browser.reserved}, then the media socket with its token. The backend
 * then opens its Realtime session to the {@link RealtimePeer}.
 */
public final class BenchRun {

    /** A shipped scenario and a complete form for it, so the backend renders real instructions. */
    static final String SCENARIO = "language-practice";
    static final Map<String, String> SCENARIO_FORM = Map.of("language", "Spanish", "level", "beginner");
    static final String VOICE = "coral";
    /** The number calls come from, as Twilio reports it to the voice webhook. */
    private static final String CALLER_ID = "+12025550143";
    private static final Duration SET_UP_SLACK = Duration.ofSeconds(30);
    private static final String FORWARDING_DELAY = "callcoach_bridge_forwarding_delay_seconds";
    /** The page's origin the browser calls claim; the backend under test must allow it ({@code BROWSER_ALLOWED_ORIGINS}). */
    public static final String BROWSER_ORIGIN = "http://bench.callcoach.invalid";

    /**
     * How to load the backend.
     *
     * @param calls            calls held open at once
     * @param warmUp           time with all calls up before measuring (JIT, pools, caches)
     * @param measure          the measured window
     * @param bargeInEvery     how often each caller talks over the AI; zero for never
     * @param launchPerSecond  calls set up per second (each is a reservation, a webhook and a socket)
     * @param measureHeap      whether to force full GCs (jcmd) to measure live heap per call
     * @param media            who the callers are: phones through Twilio, or browsers on the media socket
     */
    public record Settings(int calls, Duration warmUp, Duration measure, Duration bargeInEvery, int launchPerSecond,
                           boolean measureHeap, Media media) {

        public Settings {
            if (calls < 1 || launchPerSecond < 1) {
                throw new IllegalArgumentException("calls and launch rate must be at least 1");
            }
            if (warmUp.isNegative() || !measure.isPositive() || bargeInEvery.isNegative()) {
                throw new IllegalArgumentException("warm-up and barge-in period must not be negative, the window must be longer than zero");
            }
        }
    }

    /** The caller's side of the bridge. */
    public enum Media {
        /** A Twilio Media Stream: μ-law at 8 kHz in JSON, set up through the voice webhook. */
        PHONE,
        /** The page's media socket: PCM16 at 24 kHz in binary messages, set up with a single-use token. */
        BROWSER
    }

    /**
     * The backend under test.
     *
     * @param url            where it listens, {@code http://host:port}
     * @param publicUrl      its configured public base URL, which Twilio signs; requests to it go to {@code url}
     * @param managementUrl  its management interface ({@code /q/metrics})
     * @param channelToken   its channel token
     * @param twilioToken    its Twilio auth token (the signing key)
     * @param pid            its process, for {@code /proc} and {@code jcmd}
     */
    public record Backend(String url, String publicUrl, String managementUrl, String channelToken, String twilioToken, long pid) {
    }

    private final Backend backend;
    private final Settings settings;
    private final IntFunction<String> phoneNumbers;
    private final PrintStream log;
    private final Vertx vertx;
    private final Measurements measurements;
    private final String accountSid = "AC" + UUID.randomUUID().toString().replace("-", "");

    private BenchRun(RealtimePeer peer, Backend backend, Settings settings, IntFunction<String> phoneNumbers, PrintStream log) {
        if (settings.calls() > peer.maxCalls()) {
            throw new IllegalArgumentException(settings.calls() + " calls, but the peer was started for at most " + peer.maxCalls());
        }
        this.backend = backend;
        this.settings = settings;
        this.phoneNumbers = phoneNumbers;
        this.log = log;
        this.vertx = peer.vertx();
        this.measurements = peer.measurements();
    }

    /**
     * Runs once. Blocks for the set-up, warm-up and window; never call it on an event loop.
     *
     * @param phoneNumbers a valid E.164 number per call index; the backend's limiter must allow them
     * @throws IllegalStateException when a call cannot be set up (the message says why)
     */
    public static BenchResult run(RealtimePeer peer, Backend backend, Settings settings, IntFunction<String> phoneNumbers,
                                  PrintStream log) throws InterruptedException {
        return new BenchRun(peer, backend, settings, phoneNumbers, log).run();
    }

    private BenchResult run() throws InterruptedException {
        BackendProbe probe = new BackendProbe(backend.managementUrl(), backend.pid());
        long idleHeap = settings.measureHeap() ? probe.liveHeapBytes() : -1;
        WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(settings.calls() + 1).setConnectTimeout(10_000));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(16).setConnectTimeout(10_000));
        ChannelLink channel = await(ChannelLink.open(sockets, backend.url(), backend.channelToken()), SET_UP_SLACK);
        List<CallerSide> legs = new ArrayList<>();
        try {
            legs.addAll(setUpCalls(channel, http, sockets));
            log.printf("[bench] %d calls up; warming up for %d s%n", legs.size(), settings.warmUp().toSeconds());
            Thread.sleep(settings.warmUp().toMillis());
            return measure(probe, idleHeap);
        } finally {
            legs.forEach(CallerSide::hangUp);
            channel.close();
            // Gives the hang-ups a moment to leave before the sockets' client goes.
            Thread.sleep(500);
            sockets.close();
            http.close();
        }
    }

    private List<CallerSide> setUpCalls(ChannelLink channel, HttpClient http, WebSocketClient sockets)
            throws InterruptedException {
        long bargeInFrames = settings.bargeInEvery().toMillis() / 20;
        List<Future<CallerSide>> calls = new ArrayList<>();
        for (int i = 0; i < settings.calls(); i++) {
            int callId = i;
            Promise<CallerSide> call = Promise.promise();
            long delayMs = 1 + i * 1000L / settings.launchPerSecond();
            vertx.setTimer(delayMs, id -> placeCall(callId, channel, http, sockets, bargeInFrames).onComplete(call));
            calls.add(call.future());
        }
        Duration limit = SET_UP_SLACK.plusMillis(settings.calls() * 1000L / settings.launchPerSecond());
        try {
            Future.join(calls).toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Reported below, per call.
        }
        List<CallerSide> up = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Future<CallerSide> call : calls) {
            if (call.succeeded()) {
                up.add(call.result());
            } else {
                failures.add(call.failed() ? String.valueOf(call.cause().getMessage()) : "not set up within " + limit.toSeconds() + " s");
            }
        }
        if (!failures.isEmpty()) {
            up.forEach(CallerSide::hangUp);
            throw new IllegalStateException(failures.size() + " of " + settings.calls() + " calls could not be set up; first: "
                    + failures.getFirst());
        }
        return up;
    }

    private Future<CallerSide> placeCall(int callId, ChannelLink channel, HttpClient http, WebSocketClient sockets,
                                         long bargeInFrames) {
        if (settings.media() == Media.BROWSER) {
            return channel.request(id -> new ReserveBrowserSession(id, SCENARIO, SCENARIO_FORM, VOICE))
                    .compose(reply -> reply instanceof BrowserSessionReserved reserved
                            ? BrowserLeg.open(vertx, sockets, measurements, callId, toBackend(reserved.mediaUrl()),
                                    reserved.mediaToken(), BROWSER_ORIGIN, bargeInFrames)
                            : Future.failedFuture("browser.reserve answered " + describe(reply)));
        }
        String number = phoneNumbers.apply(callId);
        String callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
        return reserve(channel, number)
                .compose(session -> channel.request(id -> new CallPlaced(id, session, callSid))
                        .compose(reply -> reply instanceof Ack
                                ? Future.succeededFuture(session)
                                : Future.failedFuture("call.placed answered " + describe(reply))))
                .compose(session -> voiceWebhook(http, session, callSid, number))
                .compose(stream -> CallerLeg.open(vertx, sockets, measurements, callId, toBackend(stream.url()),
                        TwilioSignature.sign(backend.twilioToken(), stream.url(), Map.of()), accountSid, callSid,
                        stream.parameters(), bargeInFrames));
    }

    /**
     * {@code call.reserve}; a {@code BUSY} refusal (the limiter shedding a burst of set-ups) is tried again
     * 100 ms to 1 s later, as the page does, so a fast launch rate is not mistaken for a failed call.
     */
    private Future<UUID> reserve(ChannelLink channel, String number) {
        return channel.request(id -> new ReserveCall(id, number, SCENARIO, SCENARIO_FORM, VOICE))
                .compose(reply -> switch (reply) {
                    case CallReserved reserved -> Future.succeededFuture(reserved.sessionId());
                    case CallRefused refused when refused.reason() == RefusalReason.BUSY -> {
                        Promise<UUID> retried = Promise.promise();
                        vertx.setTimer(100 + ThreadLocalRandom.current().nextLong(900),
                                id -> reserve(channel, number).onComplete(retried));
                        yield retried.future();
                    }
                    default -> Future.failedFuture("call.reserve answered " + describe(reply));
                });
    }

    /** Twilio fetching the call's TwiML: a form POST signed over the public URL. */
    private Future<TwimlStream> voiceWebhook(HttpClient http, UUID session, String callSid, String number) {
        String url = backend.publicUrl() + "/twilio/voice/" + session;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", accountSid);
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", callSid);
        form.put("CallStatus", "in-progress");
        form.put("Direction", "outbound-api");
        form.put("From", CALLER_ID);
        form.put("To", number);
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(toBackend(url))
                .putHeader("X-Twilio-Signature", TwilioSignature.sign(backend.twilioToken(), url, form))
                .putHeader("Content-Type", "application/x-www-form-urlencoded");
        return http.request(request)
                .compose(r -> r.send(Buffer.buffer(body.toString())))
                .compose(response -> response.body().compose(twiml -> response.statusCode() == 200
                        ? Future.succeededFuture(TwimlStream.of(twiml.toString(StandardCharsets.UTF_8), url))
                        : Future.failedFuture("voice webhook answered HTTP " + response.statusCode())));
    }

    private BenchResult measure(BackendProbe probe, long idleHeap) throws InterruptedException {
        long self = ProcessHandle.current().pid();
        PrometheusText metricsBefore = probe.metrics();
        measurements.reset();
        long backendCpu = ProcStats.cpuNanos(backend.pid());
        long ownCpu = ProcStats.cpuNanos(self);
        long start = System.nanoTime();
        Thread.sleep(settings.measure().toMillis());
        long window = System.nanoTime() - start;
        backendCpu = ProcStats.cpuNanos(backend.pid()) - backendCpu;
        ownCpu = ProcStats.cpuNanos(self) - ownCpu;
        Measurements m = measurements;
        LatencyStats up = m.up.snapshot();
        LatencyStats down = m.down.snapshot();
        LatencyStats truncate = m.truncate.snapshot();
        LatencyStats clear = m.clear.snapshot();
        LatencyStats generatorLag = m.generatorLag.snapshot();
        LatencyStats peerLag = m.peerLag.snapshot();
        BenchResult.Counts counts = new BenchResult.Counts(m.upSent.sum(), up.count(), m.downSent.sum(), down.count(),
                m.marksEchoed.sum(), m.bargeIns.sum(), m.speechStarted.sum(), truncate.count(), clear.count(), m.untagged.sum(),
                m.streamsLost.sum());
        long rssKb = ProcStats.rssKb(backend.pid());
        PrometheusText metricsAfter = probe.metrics();
        long heapPerCall = settings.measureHeap() ? (probe.liveHeapBytes() - idleHeap) / settings.calls() : -1;
        String gcCount = "jvm_gc_pause_seconds_count";
        String gcSum = "jvm_gc_pause_seconds_sum";
        return new BenchResult(settings.calls(), window / 1e9,
                ProcStats.cpuMsPerCallSecond(backendCpu, settings.calls(), window), 100.0 * backendCpu / window,
                up, down, truncate, clear, rssKb, heapPerCall,
                Math.round(metricsAfter.sum(gcCount, "") - metricsBefore.sum(gcCount, "")),
                1000 * (metricsAfter.sum(gcSum, "") - metricsBefore.sum(gcSum, "")),
                1000 * metricsAfter.max("jvm_gc_pause_seconds_max"),
                generatorLag, peerLag, 100.0 * ownCpu / window, counts, new BenchResult.InsideBridge(
                        metricsAfter.histogramSince(metricsBefore, FORWARDING_DELAY, "direction=\"twilio-to-realtime\""),
                        metricsAfter.histogramSince(metricsBefore, FORWARDING_DELAY, "direction=\"realtime-to-twilio\""),
                        metricsAfter.histogramSince(metricsBefore, "callcoach_bargein_reaction_seconds", "")));
    }

    /** A URL under the public base URL (http or ws), mapped to where the backend really listens. */
    private String toBackend(String url) {
        String[][] prefixes = {
                {backend.publicUrl(), backend.url()},
                {webSocketOf(backend.publicUrl()), webSocketOf(backend.url())}};
        for (String[] prefix : prefixes) {
            if (url.startsWith(prefix[0])) {
                return prefix[1] + url.substring(prefix[0].length());
            }
        }
        return url;
    }

    private static String webSocketOf(String httpUrl) {
        return httpUrl.replaceFirst("^http", "ws");
    }

    private static String describe(ChannelReply reply) {
        return switch (reply) {
            case CallRefused refused -> "call.refused (" + refused.reason() + ": " + refused.message() + ")";
            case ErrorReply error -> "error (" + error.code() + ": " + error.message() + ")";
            default -> ChannelProtocol.typeName(reply.getClass());
        };
    }

    private static <T> T await(Future<T> future, Duration limit) throws InterruptedException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + limit.toSeconds() + " s", e);
        }
    }
}
