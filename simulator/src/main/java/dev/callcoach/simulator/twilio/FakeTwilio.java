package dev.callcoach.simulator.twilio;

import dev.callcoach.simulator.http.HttpEndpoint;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.Router;
import java.lang.System.Logger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for Twilio Programmable Voice: the Calls REST API the Java SDK talks to, status
 * callbacks, TwiML fetching and {@code <Connect><Stream>} Media Streams with a simulated caller,
 * all signed with the account's auth token exactly as Twilio signs them.
 *
 * <pre>{@code
 * try (FakeTwilio twilio = FakeTwilio.builder()
 *         .accountSid("AC0123456789abcdef0123456789abcdef").authToken("secret")
 *         .urlRewrite("wss://calls.example.com", "ws://127.0.0.1:" + backendPort)
 *         .start()) {
 *     twilio.script("+15005550006", CallerScript.answerAfter(Duration.ofMillis(300))
 *             .thenSpeak(Duration.ofSeconds(1)).hangUpAfter(Duration.ofSeconds(2)));
 *     // point the SDK at twilio.baseUrl(), place a call, then inspect twilio.calls()
 * }
 * }</pre>
 */
public final class FakeTwilio implements AutoCloseable {

    private static final Logger LOG = System.getLogger(FakeTwilio.class.getName());

    private final String accountSid;
    private final String authToken;
    private final String phoneNumberSid = "PN" + Sids.call().substring(2);
    private final DialingRules rules;
    private final Map<String, CallerScript> scripts = new ConcurrentHashMap<>();
    private volatile CallerScript defaultScript;
    private final Map<String, SimulatedCall> calls = new ConcurrentHashMap<>();
    private final List<SimulatedCall> callOrder = new ArrayList<>();
    private final Map<String, CallLifecycle> lifecycles = new ConcurrentHashMap<>();
    private final HttpEndpoint endpoint;
    private final CallEnvironment environment;

    private FakeTwilio(Builder b) {
        this.accountSid = b.accountSid;
        this.authToken = b.authToken;
        this.rules = new DialingRules(b.allowedCallingCodes, b.blockedNumbers, b.ownedNumbers, b.verifiedNumbers);
        this.defaultScript = b.defaultScript;
        this.scripts.putAll(b.scripts);
        Vertx vertx = b.vertx != null ? b.vertx : Vertx.vertx();
        UrlRewriter rewriter = new UrlRewriter(b.rewrites);
        WebSocketClient webSockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(1024 * 1024).setMaxMessageSize(16 * 1024 * 1024).setMaxConnections(10_000)
                .setConnectTimeout(10_000));
        this.environment = new CallEnvironment(vertx, accountSid, authToken, new WebhookClient(vertx, authToken, rewriter),
                webSockets, rewriter, b.dialDelay, b.ringDelay, b.recordHeardAudio);
        this.endpoint = HttpEndpoint.start(vertx, b.vertx == null, b.host, b.port, new HttpServerOptions(), routes(vertx));
        LOG.log(Logger.Level.INFO, "fake-twilio started url={0} account={1}", baseUrl(), accountSid);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return endpoint.port();
    }

    /** {@code http://host:port}: what replaces {@code https://api.twilio.com}; also serves {@code /_sim}. */
    public String baseUrl() {
        return endpoint.url("http");
    }

    public String accountSid() {
        return accountSid;
    }

    public String authToken() {
        return authToken;
    }

    /** Sets what the person at {@code to} does on calls placed from now on. */
    public FakeTwilio script(String to, CallerScript script) {
        scripts.put(Objects.requireNonNull(to, "to"), Objects.requireNonNull(script, "script"));
        return this;
    }

    /** Sets what happens at numbers without a script of their own. */
    public FakeTwilio defaultScript(CallerScript script) {
        this.defaultScript = Objects.requireNonNull(script, "script");
        return this;
    }

    /** Scripts per destination number, and the default under the key {@code "*"}. */
    public Map<String, CallerScript> scripts() {
        Map<String, CallerScript> all = new LinkedHashMap<>(scripts);
        all.put("*", defaultScript);
        return all;
    }

    /** Every call placed, oldest first. */
    public List<SimulatedCall> calls() {
        synchronized (callOrder) {
            return List.copyOf(callOrder);
        }
    }

    public Optional<SimulatedCall> call(String sid) {
        return Optional.ofNullable(calls.get(sid));
    }

    public Optional<SimulatedCall> lastCall() {
        List<SimulatedCall> all = calls();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    @Override
    public void close() {
        environment.webhooks().close();
        environment.webSockets().close();
        endpoint.close();
        LOG.log(Logger.Level.INFO, "fake-twilio stopped url={0}", baseUrl());
    }

    // ---- used by the REST and inspection routes ----

    String phoneNumberSid() {
        return phoneNumberSid;
    }

    SimulatedCall placeCall(Map<String, List<String>> form, Context context) {
        CreateCallRequest request = CreateCallRequest.parse(form, rules);
        SimulatedCall call = new SimulatedCall(Sids.call(), accountSid, request.to(), request.from(), form);
        CallerScript script = scripts.getOrDefault(request.to(), defaultScript);
        CallLifecycle lifecycle = new CallLifecycle(environment, call, request, script, context);
        calls.put(call.sid(), call);
        synchronized (callOrder) {
            callOrder.add(call);
        }
        lifecycles.put(call.sid(), lifecycle);
        call.whenEnded().thenRun(() -> lifecycles.remove(call.sid()));
        LOG.log(Logger.Level.INFO, "call created sid={0} to={1} script=\"{2}\"", call.sid(), PhoneNumbers.mask(request.to()),
                script);
        lifecycle.start();
        return call;
    }

    /** The running lifecycle of a call; empty once it ended. */
    Optional<CallLifecycle> lifecycle(SimulatedCall call) {
        return Optional.ofNullable(lifecycles.get(call.sid()));
    }

    private Router routes(Vertx vertx) {
        Router router = Router.router(vertx);
        new CallsApi(this).mount(router);
        new TwilioInspectionApi(this).mount(router);
        return router;
    }

    /** Builds a {@link FakeTwilio}; every setting has a test-friendly default. */
    public static final class Builder {
        private String accountSid = "AC00000000000000000000000000000000";
        private String authToken = "simulated-auth-token";
        private String host = "127.0.0.1";
        private int port;
        private Vertx vertx;
        private CallerScript defaultScript = CallerScript.answer();
        private final Map<String, CallerScript> scripts = new LinkedHashMap<>();
        private final List<UrlRewriter.Rule> rewrites = new ArrayList<>();
        private Duration dialDelay = Duration.ofMillis(50);
        private Duration ringDelay = Duration.ofMillis(50);
        private Set<String> allowedCallingCodes = Set.of();
        private Set<String> blockedNumbers = Set.of();
        private Set<String> ownedNumbers = Set.of();
        private Set<String> verifiedNumbers = Set.of();
        private boolean recordHeardAudio = true;

        private Builder() {
        }

        /** {@code AC} + 32 lowercase hex digits; HTTP Basic user name and the account in every URL. */
        public Builder accountSid(String accountSid) {
            if (!Sids.isAccountSid(accountSid)) {
                throw new IllegalArgumentException("account SID must be AC followed by 32 lowercase hex digits");
            }
            this.accountSid = accountSid;
            return this;
        }

        /** HTTP Basic password and the key every signature is made with. */
        public Builder authToken(String authToken) {
            this.authToken = Objects.requireNonNull(authToken, "authToken");
            return this;
        }

        /** Bind address; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port; default 0 (a free one, see {@link FakeTwilio#port()}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Shares a Vert.x instance; by default the fake creates (and closes) its own. */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        public Builder defaultScript(CallerScript script) {
            this.defaultScript = Objects.requireNonNull(script, "script");
            return this;
        }

        public Builder script(String to, CallerScript script) {
            scripts.put(Objects.requireNonNull(to, "to"), Objects.requireNonNull(script, "script"));
            return this;
        }

        /**
         * Sends requests for URLs starting with {@code fromPrefix} to {@code toPrefix} instead, e.g.
         * {@code ("wss://calls.example.com", "ws://127.0.0.1:8081")}. Applies to TwiML and callback
         * URLs and to stream URLs; signatures still cover the original URL. Rules apply in order.
         */
        public Builder urlRewrite(String fromPrefix, String toPrefix) {
            rewrites.add(new UrlRewriter.Rule(Objects.requireNonNull(fromPrefix), Objects.requireNonNull(toPrefix)));
            return this;
        }

        /** Time a created call stays {@code queued} before dialling (the {@code initiated} event); default 50 ms. */
        public Builder dialDelay(Duration delay) {
            this.dialDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** Time from {@code initiated} to {@code ringing}; default 50 ms. */
        public Builder ringDelay(Duration delay) {
            this.ringDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** Geo permissions: country calling codes that may be called, e.g. {@code "1", "61", "91"}; default all. Else 21215. */
        public Builder geoPermissions(String... callingCodes) {
            this.allowedCallingCodes = Set.of(callingCodes);
            return this;
        }

        /** Destination numbers on Twilio's block list (error 21216). */
        public Builder blockedNumbers(String... numbers) {
            this.blockedNumbers = Set.of(numbers);
            return this;
        }

        /** The account's own numbers; when set, any other {@code From} fails with 21210. */
        public Builder ownedNumbers(String... numbers) {
            this.ownedNumbers = Set.of(numbers);
            return this;
        }

        /**
         * A trial account: only these destination numbers are verified, and calls to any other fail with 21219.
         * (Pair with {@link #ownedNumbers} for 21210, a {@code From} the account does not own.)
         */
        public Builder trialAccount(String... verifiedNumbers) {
            this.verifiedNumbers = Set.of(verifiedNumbers);
            return this;
        }

        /** Keep the bytes each caller heard (default on); turn off for long load runs to save memory. */
        public Builder recordHeardAudio(boolean record) {
            this.recordHeardAudio = record;
            return this;
        }

        /** Starts listening; blocks until the port is bound. */
        public FakeTwilio start() {
            return new FakeTwilio(this);
        }
    }
}
