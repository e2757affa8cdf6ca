package dev.callcoach.simulator.twilio;

import java.util.List;

/**
 * Maps the public URLs an application hands to Twilio (its TwiML, callback and {@code wss://} stream
 * URLs) to where the simulator can reach it, e.g. {@code wss://calls.example.com} to
 * {@code ws://127.0.0.1:8081}. Signatures are always computed over the URL before rewriting,
 * exactly what the application validates against.
 */
record UrlRewriter(List<Rule> rules) {

    record Rule(String fromPrefix, String toPrefix) {
    }

    UrlRewriter {
        rules = List.copyOf(rules);
    }

    String apply(String url) {
        for (Rule rule : rules) {
            if (url.startsWith(rule.fromPrefix())) {
                return rule.toPrefix() + url.substring(rule.fromPrefix().length());
            }
        }
        return url;
    }
}
