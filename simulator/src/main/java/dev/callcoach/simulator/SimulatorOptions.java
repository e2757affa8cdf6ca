package dev.callcoach.simulator;

import dev.callcoach.simulator.realtime.Reply;
import dev.callcoach.simulator.realtime.SessionScript;
import dev.callcoach.simulator.twilio.CallerScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of the standalone simulator; every flag has a default, so no flags at all works. */
record SimulatorOptions(
        String host,
        int twilioPort,
        int realtimePort,
        String accountSid,
        String authToken,
        String openAiKey,
        Map<String, String> urlRewrites,
        CallerScript defaultScript,
        Map<String, CallerScript> scripts,
        List<String> transcripts,
        List<String> replies,
        List<String> realtimeFaults,
        List<String> trialVerifiedNumbers) {

    static final String USAGE = """
            Usage: java -jar simulator.jar [options]
              --host ADDRESS          bind address (default 127.0.0.1; 0.0.0.0 for all)
              --twilio-port PORT      FakeTwilio port (default 8089; 0 = any free port)
              --realtime-port PORT    FakeRealtime port (default 8090; 0 = any free port)
              --account-sid SID       Twilio account SID, AC + 32 hex (default AC000...0)
              --auth-token TOKEN      Twilio auth token: Basic auth password and signing key (default simulated-auth-token)
              --openai-key KEY        the only accepted OpenAI API key (default sk-simulated)
              --url-rewrite FROM=TO   send Twilio requests for URLs starting with FROM to TO instead (repeatable),
                                      e.g. wss://calls.example.com=ws://127.0.0.1:8080
              --default-script TEXT   caller script for numbers without one (default: answer after 1s, then speak and
                                      listen by turns, hang up after three replies)
              --script NUMBER=TEXT    caller script for one destination number (repeatable)
              --transcript TEXT       canned transcript of the next caller utterance (repeatable, in order)
              --reply TEXT            what the model says in the next response (repeatable, in order)
              --realtime-fault SPEC   a FakeRealtime fault (repeatable), e.g. "fail-response 1 insufficient_quota",
                                      "incomplete-response 2 max_output_tokens", "reject-session-update",
                                      "transcription-delay 3s", "fail-transcriptions", "omit-function-name",
                                      "close-after 5s 1011" (see docs/simulator.md)
              --trial-verified NUMBER make FakeTwilio a trial account whose only verified number is NUMBER (repeatable):
                                      calls to others fail with 21219
              --help                  this text
            Caller script text: answer after 300ms; silence 1s; speak 1.5s; wait-reply; wait-heard 500ms; dtmf 12; hangup after 2s
            (a voicemail: "machine machine_end_beep after 1s"; also busy, no-answer, failed)
            """;

    static final String DEFAULT_SCRIPT = "answer after 1s; silence 500ms; wait-reply; speak 1.5s; wait-reply; speak 2s; "
            + "wait-reply; speak 1s; wait-reply; hangup after 1s";

    static SimulatorOptions parse(String... args) {
        String host = "127.0.0.1";
        int twilioPort = 8089;
        int realtimePort = 8090;
        String accountSid = "AC00000000000000000000000000000000";
        String authToken = "simulated-auth-token";
        String openAiKey = "sk-simulated";
        Map<String, String> rewrites = new LinkedHashMap<>();
        CallerScript defaultScript = CallerScript.parse(DEFAULT_SCRIPT);
        Map<String, CallerScript> scripts = new LinkedHashMap<>();
        List<String> transcripts = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        List<String> verified = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--host" -> host = value;
                case "--twilio-port" -> twilioPort = port(flag, value);
                case "--realtime-port" -> realtimePort = port(flag, value);
                case "--account-sid" -> accountSid = value;
                case "--auth-token" -> authToken = value;
                case "--openai-key" -> openAiKey = value;
                case "--url-rewrite" -> rewrites.put(before(flag, value), after(value));
                case "--default-script" -> defaultScript = CallerScript.parse(value);
                case "--script" -> scripts.put(before(flag, value), CallerScript.parse(after(value)));
                case "--transcript" -> transcripts.add(value);
                case "--reply" -> replies.add(value);
                case "--realtime-fault" -> {
                    SessionScript.defaults().withFault(value); // refuse a bad spec at start, not at the first call
                    faults.add(value);
                }
                case "--trial-verified" -> verified.add(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new SimulatorOptions(host, twilioPort, realtimePort, accountSid, authToken, openAiKey, rewrites, defaultScript,
                scripts, transcripts, replies, faults, verified);
    }

    SessionScript sessionScript() {
        SessionScript script = SessionScript.defaults()
                .greetFromInstructions()
                .transcripts(transcripts.toArray(String[]::new))
                .replies(replies.stream().map(Reply::say).toArray(Reply[]::new));
        for (String fault : realtimeFaults) {
            script = script.withFault(fault);
        }
        return script;
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a port number 0..65535, got '" + value + "'");
        }
    }

    private static String before(String flag, String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(flag + " needs KEY=VALUE, got '" + value + "'");
        }
        return value.substring(0, eq);
    }

    private static String after(String value) {
        return value.substring(value.indexOf('=') + 1);
    }
}
