package dev.callcoach.backend.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PhoneHasherTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-characters";
    private static final String NUMBER = "+12015550123";

    @Test
    void hashIsHmacSha256OfTheE164Number() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(NUMBER.getBytes(StandardCharsets.US_ASCII));

        HashedNumber hashed = new PhoneHasher(SECRET, Optional.empty()).hash(NUMBER);

        assertThat(hashed.current().bytes()).isEqualTo(expected);
        assertThat(hashed.all()).containsExactly(hashed.current());
    }

    @Test
    void sameNumberSameHashOtherSecretOtherHash() {
        PhoneHasher hasher = new PhoneHasher(SECRET, Optional.empty());
        assertThat(hasher.hash(NUMBER)).isEqualTo(hasher.hash(NUMBER));
        assertThat(new PhoneHasher(SECRET + "x", Optional.empty()).hash(NUMBER).current())
                .isNotEqualTo(hasher.hash(NUMBER).current());
        assertThat(hasher.hash("+12015550124").current()).isNotEqualTo(hasher.hash(NUMBER).current());
    }

    @Test
    void duringRotationBothHashesAreKnown() {
        String previous = "the-previous-secret-also-32-characters";
        HashedNumber rotated = new PhoneHasher(SECRET, Optional.of(previous)).hash(NUMBER);

        assertThat(rotated.current()).isEqualTo(new PhoneHasher(SECRET, Optional.empty()).hash(NUMBER).current());
        assertThat(rotated.all()).containsExactly(rotated.current(),
                new PhoneHasher(previous, Optional.empty()).hash(NUMBER).current());
    }

    @Test
    void onlyCanonicalE164IsHashedAndTheErrorDoesNotRepeatTheInput() {
        PhoneHasher hasher = new PhoneHasher(SECRET, Optional.empty());
        for (String bad : new String[] {"12015550123", "+1 201 555 0123", "+0123456789", "+1234", "", "+1201555012345678"}) {
            assertThatThrownBy(() -> hasher.hash(bad)).isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("201555");
        }
        assertThatThrownBy(() -> hasher.hash(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsOnlyAShortPrefix() {
        PhoneHash hash = new PhoneHasher(SECRET, Optional.empty()).hash(NUMBER).current();
        String hex = HexFormat.of().formatHex(hash.bytes());
        assertThat(hash.toString()).contains(hex.substring(0, 8)).doesNotContain(hex.substring(8, 16));
    }
}
