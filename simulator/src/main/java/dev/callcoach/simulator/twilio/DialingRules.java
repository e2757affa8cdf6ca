package dev.callcoach.simulator.twilio;

import java.util.Set;

/**
 * Account settings that decide whether Twilio accepts a call: geo permissions (allowed country
 * calling codes; empty = all), Twilio's block list, and the numbers the account may call from
 * (empty = any valid number).
 */
record DialingRules(Set<String> allowedCallingCodes, Set<String> blockedNumbers, Set<String> ownedNumbers,
        Set<String> verifiedNumbers) {

    DialingRules {
        verifiedNumbers = Set.copyOf(verifiedNumbers);
        allowedCallingCodes = Set.copyOf(allowedCallingCodes);
        blockedNumbers = Set.copyOf(blockedNumbers);
        ownedNumbers = Set.copyOf(ownedNumbers);
    }

    boolean permitsCountryOf(String to) {
        return allowedCallingCodes.isEmpty() || !PhoneNumbers.isE164(to)
                || allowedCallingCodes.stream().anyMatch(code -> PhoneNumbers.hasCallingCode(to, code));
    }
}
