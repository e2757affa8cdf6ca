package dev.callcoach.backend.testing;

import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.contracts.phone.PhoneRules;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Phone numbers for tests, each handed out once per JVM so tests sharing one database never count each
 * other's attempts. All are North American 555-0100 to 555-0199 numbers, which are reserved for fiction.
 */
public final class TestNumbers {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    // Some area codes do not exist (211, 311, ...): skip them, so every number is one we may call.
    private static final PhoneRules RULES = new PhoneRules();

    private TestNumbers() {
    }

    /** A fresh E.164 number that passes the phone rules, never handed out before in this JVM. */
    public static String fresh() {
        String number;
        do {
            int n = NEXT.getAndIncrement();
            number = "+1%03d55501%02d".formatted(201 + n / 100, n % 100);
        } while (!(RULES.check(number, null) instanceof PhoneCheck.Valid));
        ISSUED.add(number);
        return number;
    }

    /** Every number handed out so far in this JVM. */
    public static Set<String> issued() {
        return Set.copyOf(ISSUED);
    }
}
