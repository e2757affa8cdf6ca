package dev.callcoach.simulator.demo;

import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.realtime.SessionScript;
import dev.callcoach.simulator.twilio.CallerScript;
import dev.callcoach.simulator.twilio.FakeTwilio;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the webapp talks to, started on this machine: embedded PostgreSQL, FakeTwilio and
 * FakeRealtime unless real credentials are in the environment, and the backend as a child process
 * wired to all of them with secrets made for this run. {@link #webappEnvironment()} then says how to
 * point a webapp at it. Closing stops everything in reverse order.
 */
public final class DemoStack implements AutoCloseable {

    /** Caller ID per region for simulated calls; FakeTwilio owns exactly these. */
    static final Map<String, String> SIMULATED_CALLER_NUMBERS = Map.of(
            "US", "+12025550143", "AU", "+61255501234", "IN", "+911140000143");

    /**
     * What a simulated person does when the phone rings: picks up, listens to the greeting, answers
     * twice, and hangs up once the AI has replied.
     */
    static final CallerScript SIMULATED_CALLER = CallerScript.answerAfter(Duration.ofSeconds(2))
            .thenWaitForReply()
            .thenSpeak(Duration.ofMillis(1800))
            .thenWaitForReply()
            .thenSpeak(Duration.ofMillis(2200))
            .thenWaitForReply()
            .hangUpAfter(Duration.ofSeconds(1));

    private static final Duration BACKEND_STARTUP = Duration.ofSeconds(90);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();
    private final Map<String, String> webappEnvironment = new LinkedHashMap<>();
    private FakeTwilio twilio;
    private FakeRealtime realtime;
    private ServiceProcess backend;
    private String backendUrl;
    private String managementUrl;

    /** An empty stack; {@link #startAll} fills it. Lets a shutdown hook hold it before anything starts. */
    DemoStack() {
    }

    /**
     * Ports and files of one stack; port 0 picks a free one (not for the backend, whose URL Twilio is given).
     *
     * @param webappOrigins the origins ({@code http://localhost:8080}) of the webapp pages that may open a browser
     *                      session's media socket on the backend; the webapp starts after the stack, so its
     *                      caller says where it will run. Empty: browser practice is refused
     */
    public record Options(Path backendJar, int backendPort, int twilioPort, int realtimePort,
                          Map<String, String> environment, PrintStream out, List<String> webappOrigins) {

        public Options {
            webappOrigins = List.copyOf(webappOrigins);
        }

        /** A stack without browser practice, for callers that do not say where their webapp runs. */
        public Options(Path backendJar, int backendPort, int twilioPort, int realtimePort,
                       Map<String, String> environment, PrintStream out) {
            this(backendJar, backendPort, twilioPort, realtimePort, environment, out, List.of());
        }
    }

    public static DemoStack start(Options options) throws InterruptedException {
        DemoStack stack = new DemoStack();
        try {
            stack.startAll(options);
            return stack;
        } catch (RuntimeException | InterruptedException e) {
            stack.close();
            throw e;
        }
    }

    void startAll(Options options) throws InterruptedException {
        Map<String, String> env = options.environment();
        PrintStream out = options.out();
        backendUrl = "http://localhost:" + options.backendPort();
        String channelToken = randomSecret();
        Map<String, String> backendEnv = new LinkedHashMap<>();

        EmbeddedPostgres postgres = startPostgres();
        started.push(postgres);
        backendEnv.put("DATABASE_URL", "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres");
        out.println("[demo] embedded PostgreSQL on port " + postgres.getPort());

        boolean realTwilio = present(env, "TWILIO_ACCOUNT_SID") && present(env, "TWILIO_AUTH_TOKEN");
        if (realTwilio) {
            out.println("[demo] Twilio credentials found: calls are real and cost money");
            if (!present(env, "PUBLIC_BASE_URL")) {
                out.println("[demo] warning: PUBLIC_BASE_URL is unset, so Twilio cannot reach this backend");
            }
        } else {
            // Twilio only calls https webhooks and wss streams, and FakeTwilio is as strict. So the backend
            // is announced as https and FakeTwilio maps that back to the plain local ports, while every
            // signature still covers the announced URL, as with the real thing behind a TLS proxy.
            String announced = "localhost:" + options.backendPort();
            twilio = FakeTwilio.builder()
                    .port(options.twilioPort())
                    .urlRewrite("https://" + announced, "http://" + announced)
                    .urlRewrite("wss://" + announced, "ws://" + announced)
                    .accountSid("AC" + HexFormat.of().formatHex(randomBytes(16)))
                    .authToken(randomSecret())
                    .ownedNumbers(SIMULATED_CALLER_NUMBERS.values().toArray(String[]::new))
                    .defaultScript(SIMULATED_CALLER)
                    .start();
            started.push(twilio);
            backendEnv.put("TWILIO_AUTH_TOKEN", twilio.authToken());
            backendEnv.put("PUBLIC_BASE_URL", "https://" + announced);
            webappEnvironment.put("TWILIO_ACCOUNT_SID", twilio.accountSid());
            webappEnvironment.put("TWILIO_AUTH_TOKEN", twilio.authToken());
            webappEnvironment.put("TWILIO_API_BASE_URL", twilio.baseUrl());
            SIMULATED_CALLER_NUMBERS.forEach((region, number) ->
                    webappEnvironment.put("TWILIO_CALLER_NUMBER_" + region, number));
            out.println("[demo] no Twilio credentials: FakeTwilio simulates calls at " + twilio.baseUrl());
        }

        if (present(env, "OPENAI_API_KEY")) {
            out.println("[demo] OpenAI key found: the AI voice is the real Realtime API");
        } else {
            realtime = FakeRealtime.builder().port(options.realtimePort()).apiKey(randomSecret())
                    .script(SessionScript.defaults().greetFromInstructions()).start();
            started.push(realtime);
            backendEnv.put("OPENAI_API_KEY", realtime.apiKey());
            backendEnv.put("OPENAI_REALTIME_URL", realtime.webSocketBaseUrl() + "/v1/realtime");
            // The same fake grades the calls: every demo call that had an exchange ends with a report.
            backendEnv.put("OPENAI_BASE_URL", realtime.apiBaseUrl());
            out.println("[demo] no OpenAI key: FakeRealtime plays the AI at " + realtime.webSocketBaseUrl()
                    + " and grades calls at " + realtime.apiBaseUrl() + "/responses");
        }

        backendEnv.put("PORT", Integer.toString(options.backendPort()));
        // Health and metrics live on the backend's management port; any free one, so stacks can run side by side.
        int managementPort = freePort();
        managementUrl = "http://localhost:" + managementPort;
        backendEnv.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        backendEnv.put("PHONE_HASH_SECRET", randomSecret());
        backendEnv.put("CHANNEL_TOKEN", channelToken);
        backendEnv.put("BROWSER_ALLOWED_ORIGINS", String.join(",", options.webappOrigins()));
        // The page runs on this machine and reaches the backend's plain port, whatever Twilio is told.
        backendEnv.put("BROWSER_MEDIA_BASE_URL", backendUrl);
        backend = ServiceProcess.start("backend", options.backendJar(), List.of(), backendEnv, out);
        started.push(backend);
        backend.awaitReady(URI.create(managementUrl + "/q/health/ready"), BACKEND_STARTUP);

        webappEnvironment.put("CALLCOACH_CHANNEL_URL", "ws://localhost:" + options.backendPort() + "/channel/v1");
        webappEnvironment.put("CHANNEL_TOKEN", channelToken);
        webappEnvironment.put("BACKEND_PUBLIC_URL", backendEnv.getOrDefault("PUBLIC_BASE_URL", env.get("PUBLIC_BASE_URL")));
        webappEnvironment.values().removeIf(Objects::isNull);
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /** Variables that point a webapp at this stack (channel, token, Twilio or its simulator). */
    public Map<String, String> webappEnvironment() {
        return Map.copyOf(webappEnvironment);
    }

    public String backendUrl() {
        return backendUrl;
    }

    /** The backend's process, once started; whoever runs the stack watches it. */
    ServiceProcess backend() {
        return backend;
    }

    /** The backend's management interface: {@code /q/health}, {@code /q/metrics}. */
    public String managementUrl() {
        return managementUrl;
    }

    /** The simulated Twilio, or null when real credentials were given. */
    public FakeTwilio twilio() {
        return twilio;
    }

    /** The simulated Realtime API, or null when a real key was given. */
    public FakeRealtime realtime() {
        return realtime;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("[demo] could not stop " + part + ": " + e.getMessage());
            }
        }
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port", e);
        }
    }

    private static String randomSecret() {
        return HexFormat.of().formatHex(randomBytes(24));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
