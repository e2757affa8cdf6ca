package dev.callcoach.simulator.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of {@code POST /2010-04-01/Accounts/{Sid}/Calls.json} that FakeTwilio acts on, validated
 * as Twilio validates them. Unknown fields are ignored, as Twilio ignores them; they stay visible in
 * {@link SimulatedCall#createParams()}.
 */
record CreateCallRequest(
        String to,
        String from,
        String url,
        String method,
        String twiml,
        String statusCallback,
        String statusCallbackMethod,
        Set<String> statusCallbackEvents,
        int timeoutSeconds,
        int timeLimitSeconds,
        String machineDetection,
        boolean asyncAmd,
        String asyncAmdStatusCallback,
        String asyncAmdStatusCallbackMethod) {

    static final int MAX_TWIML_CHARS = 4000;
    private static final Set<String> EVENTS = Set.of("initiated", "ringing", "answered", "completed");
    private static final Set<String> METHODS = Set.of("GET", "POST");
    private static final Set<String> MACHINE_DETECTION = Set.of("Enable", "DetectMessageEnd");

    /** Parses and validates; throws {@link TwilioApiError} with Twilio's code on the first problem found. */
    static CreateCallRequest parse(Map<String, List<String>> form, DialingRules rules) {
        String to = single(form, "To");
        String from = single(form, "From");
        if (to == null || to.isEmpty()) {
            throw TwilioApiError.badRequest(21201, "No 'To' number is specified");
        }
        if (from == null || from.isEmpty()) {
            throw TwilioApiError.badRequest(21213, "No 'From' number is specified");
        }
        if (!PhoneNumbers.isEndpoint(to)) {
            throw TwilioApiError.badRequest(21211, "Invalid 'To' Phone Number: " + PhoneNumbers.mask(to));
        }
        if (!PhoneNumbers.isE164(from) && !PhoneNumbers.isEndpoint(from)) {
            throw TwilioApiError.badRequest(21212, "Invalid 'From' Phone Number: " + PhoneNumbers.mask(from));
        }
        if (!rules.verifiedNumbers().isEmpty() && !rules.verifiedNumbers().contains(to)) {
            throw TwilioApiError.badRequest(21219, "The number " + PhoneNumbers.mask(to) + " is unverified. Trial accounts "
                    + "may only make calls to verified numbers.");
        }
        if (!rules.ownedNumbers().isEmpty() && !rules.ownedNumbers().contains(from)) {
            throw TwilioApiError.badRequest(21210, "The source phone number provided, " + PhoneNumbers.mask(from)
                    + ", is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio.");
        }
        if (rules.blockedNumbers().contains(to)) {
            throw TwilioApiError.badRequest(21216, "Call blocked by Twilio blocklist");
        }
        if (!rules.permitsCountryOf(to)) {
            throw TwilioApiError.badRequest(21215, "Account not authorized to call " + PhoneNumbers.mask(to)
                    + ". Perhaps you need to enable some international permissions: "
                    + "https://www.twilio.com/console/voice/calls/geo-permissions/low-risk");
        }

        String url = single(form, "Url");
        String twiml = single(form, "Twiml");
        if (single(form, "ApplicationSid") != null && url == null && twiml == null) {
            throw TwilioApiError.badRequest(21218, "Invalid ApplicationSid: the simulator has no TwiML applications");
        }
        if (url == null && twiml == null) {
            throw TwilioApiError.badRequest(21205, "Either a 'Url', 'Twiml' or 'ApplicationSid' parameter is required");
        }
        if (url != null) {
            requireAbsoluteHttpUrl(url, 21205, "Url");
            twiml = null; // Twilio ignores Twiml when Url is given
        } else if (twiml.length() > MAX_TWIML_CHARS) {
            throw TwilioApiError.badRequest(21205, "Twiml must be at most " + MAX_TWIML_CHARS + " characters, got " + twiml.length());
        }
        String method = method(form, "Method");

        String statusCallback = single(form, "StatusCallback");
        if (statusCallback != null) {
            requireAbsoluteHttpUrl(statusCallback, 21609, "StatusCallback");
        }
        String statusCallbackMethod = method(form, "StatusCallbackMethod");
        Set<String> events = new LinkedHashSet<>();
        for (String event : form.getOrDefault("StatusCallbackEvent", List.of())) {
            // Twilio accepts space-separated events in one field as well as repeated fields.
            for (String one : event.trim().split("\\s+")) {
                if (!EVENTS.contains(one)) {
                    throw TwilioApiError.badRequest(21626, "Invalid StatusCallbackEvent: '" + one
                            + "'. Allowed values are initiated, ringing, answered, completed");
                }
                events.add(one);
            }
        }
        if (events.isEmpty()) {
            events.add("completed");
        }
        int timeout = integer(form, "Timeout", 60, 1, 600, 21208);
        int timeLimit = integer(form, "TimeLimit", 14_400, 1, 86_400, 21208);
        String machineDetection = single(form, "MachineDetection");
        if (machineDetection != null && !MACHINE_DETECTION.contains(machineDetection)) {
            throw TwilioApiError.badRequest(20001, "MachineDetection must be Enable or DetectMessageEnd, got '"
                    + machineDetection + "'");
        }
        boolean asyncAmd = "true".equalsIgnoreCase(single(form, "AsyncAmd"));
        String amdCallback = single(form, "AsyncAmdStatusCallback");
        if (amdCallback != null) {
            requireAbsoluteHttpUrl(amdCallback, 21609, "AsyncAmdStatusCallback");
        }
        return new CreateCallRequest(to, from, url, method, twiml, statusCallback, statusCallbackMethod,
                Set.copyOf(events), timeout, timeLimit, machineDetection, asyncAmd, amdCallback,
                method(form, "AsyncAmdStatusCallbackMethod"));
    }

    boolean wantsCallback(String event) {
        return statusCallback != null && statusCallbackEvents.contains(event);
    }

    @Override
    public String toString() {
        return "CreateCallRequest[to=" + PhoneNumbers.mask(to) + ", from=" + PhoneNumbers.mask(from) + ", url=" + url + "]";
    }

    static void requireAbsoluteHttpUrl(String value, int code, String field) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw TwilioApiError.badRequest(code, field + " is not a valid absolute http(s) URL: " + value);
            }
            if (uri.getHost().contains("_")) {
                throw TwilioApiError.badRequest(code, field + " host must not contain underscores: " + value);
            }
        } catch (URISyntaxException e) {
            throw TwilioApiError.badRequest(code, field + " is not a valid URL: " + value);
        }
    }

    private static String single(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.getLast();
    }

    private static String method(Map<String, List<String>> form, String name) {
        String value = single(form, name);
        if (value == null || value.isEmpty()) {
            return "POST";
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upper)) {
            throw TwilioApiError.badRequest(21209, name + " must be either GET or POST, got '" + value + "'");
        }
        return upper;
    }

    private static int integer(Map<String, List<String>> form, String name, int fallback, int min, int max, int code) {
        String value = single(form, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw TwilioApiError.badRequest(code, "Invalid " + name + ": " + value + " (must be " + min + " to " + max + ")");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw TwilioApiError.badRequest(code, "Invalid " + name + ": '" + value + "' is not an integer");
        }
    }
}
