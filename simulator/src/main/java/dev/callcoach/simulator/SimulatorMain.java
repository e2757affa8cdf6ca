package dev.callcoach.simulator;

import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.twilio.FakeTwilio;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;

/**
 * Runs FakeTwilio and FakeRealtime until SIGTERM or Ctrl-C: {@code java -jar simulator/target/simulator-*.jar [options]}.
 * Prints one line with the base URLs on start; see {@link SimulatorOptions#USAGE} for the flags.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            boolean help = e.getMessage().equals("help");
            (help ? System.out : System.err).print((help ? "" : "error: " + e.getMessage() + "\n") + SimulatorOptions.USAGE);
            System.exit(help ? 0 : 2);
            return;
        }
        Simulators simulators = Simulators.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulators.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        System.out.println(simulators.describe());
        stopped.await();
    }

    /** Both fakes on one Vert.x instance; closing stops both and the instance. */
    record Simulators(Vertx vertx, FakeTwilio twilio, FakeRealtime realtime) implements AutoCloseable {

        static Simulators start(SimulatorOptions options) {
            Vertx vertx = Vertx.vertx();
            FakeTwilio twilio = null;
            try {
                FakeTwilio.Builder builder = FakeTwilio.builder().vertx(vertx).host(options.host()).port(options.twilioPort())
                        .accountSid(options.accountSid()).authToken(options.authToken()).defaultScript(options.defaultScript());
                options.urlRewrites().forEach(builder::urlRewrite);
                options.scripts().forEach(builder::script);
                if (!options.trialVerifiedNumbers().isEmpty()) {
                    builder.trialAccount(options.trialVerifiedNumbers().toArray(String[]::new));
                }
                twilio = builder.start();
                FakeRealtime realtime = FakeRealtime.builder().vertx(vertx).host(options.host()).port(options.realtimePort())
                        .apiKey(options.openAiKey()).script(options.sessionScript()).start();
                return new Simulators(vertx, twilio, realtime);
            } catch (RuntimeException e) {
                if (twilio != null) {
                    twilio.close();
                }
                vertx.close();
                throw e;
            }
        }

        String describe() {
            return "callcoach-simulator started"
                    + " twilio.baseUrl=" + twilio.baseUrl()
                    + " twilio.accountSid=" + twilio.accountSid()
                    + " realtime.baseUrl=" + realtime.webSocketBaseUrl()
                    + " realtime.url=" + realtime.realtimeUrl("gpt-realtime")
                    + " responses.baseUrl=" + realtime.apiBaseUrl()
                    + " inspect=" + twilio.baseUrl() + "/_sim/calls," + realtime.baseUrl() + "/_sim/realtime/sessions";
        }

        @Override
        public void close() {
            try {
                realtime.close();
                twilio.close();
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        }
    }
}
