package dev.callcoach.backend.phone;

import java.util.List;
import java.util.Optional;

/**
 * A number as the limiter sees it: its hash under the current secret, under which new rows are written,
 * and, during a secret rotation, under the previous one, so attempts made before the rotation still count.
 */
public record HashedNumber(PhoneHash current, Optional<PhoneHash> previous) {

    /** Every hash the number's attempts may be stored under. */
    public List<PhoneHash> all() {
        return previous.filter(p -> !p.equals(current)).map(p -> List.of(current, p)).orElseGet(() -> List.of(current));
    }
}
