package dev.callcoach.webapp.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpKeysTest {

    private final IpKeys keys = new IpKeys(64);

    @Test
    void anIpv6AddressCountsForItsWholeSlash64() {
        assertThat(keys.keyOf("2001:db8:1:2:aaaa::1")).isEqualTo(keys.keyOf("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertThat(keys.keyOf("2001:db8:1:2::1")).isNotEqualTo(keys.keyOf("2001:db8:1:3::1"));
        assertThat(keys.keyOf("[2001:db8:1:2::1]")).isEqualTo(keys.keyOf("2001:DB8:1:2::9%eth0"));
    }

    @Test
    void thePrefixLengthIsConfigurable() {
        IpKeys per48 = new IpKeys(48);
        assertThat(per48.keyOf("2001:db8:1:2::1")).isEqualTo(per48.keyOf("2001:db8:1:ffff::1"));
        assertThat(new IpKeys(128).keyOf("2001:db8::1")).isNotEqualTo(new IpKeys(128).keyOf("2001:db8::2"));
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4AddressItMaps() {
        assertThat(keys.keyOf("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(keys.keyOf("::FFFF:cb00:7107")).isEqualTo("203.0.113.7");
        assertThat(keys.keyOf(" 203.0.113.7 ")).isEqualTo("203.0.113.7");
    }

    @Test
    void whatIsNoIpLiteralSharesOneKeyAndIsNeverLookedUp() {
        assertThat(keys.keyOf(null)).isEqualTo(IpKeys.UNKNOWN);
        assertThat(keys.keyOf("unknown")).isEqualTo(IpKeys.UNKNOWN);
        assertThat(keys.keyOf("localhost")).isEqualTo(IpKeys.UNKNOWN);
        assertThat(keys.keyOf("999.1.1.1")).isEqualTo(IpKeys.UNKNOWN);
        assertThat(keys.keyOf("example.com")).isEqualTo(IpKeys.UNKNOWN);
        assertThat(keys.keyOf("1:2:3")).isEqualTo(IpKeys.UNKNOWN);
        assertThat(keys.keyOf(".1::")).isEqualTo(IpKeys.UNKNOWN);
    }
}
