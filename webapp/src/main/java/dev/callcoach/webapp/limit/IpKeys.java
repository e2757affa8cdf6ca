package dev.callcoach.webapp.limit;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a client address into the key its allowance is counted under. One subscriber holds a whole IPv6
 * prefix (usually a /64, 2^64 addresses), so IPv6 addresses are counted per prefix; an IPv4-mapped IPv6
 * address ({@code ::ffff:203.0.113.7}) is the IPv4 address it maps, so a dual-stack socket cannot double
 * anyone's allowance. Anything that is not an IP literal (no address known) shares one key.
 */
final class IpKeys {

    /** The key of every client whose address could not be read. */
    static final String UNKNOWN = "unknown";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /**
     * Starts with a hex digit or a colon and holds a colon, so {@link InetAddress#getByName} reads it as an
     * IPv6 literal and never as a name; otherwise only hex digits, colons and dots (an embedded IPv4 tail).
     */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private final int ipv6PrefixLength;

    IpKeys(int ipv6PrefixLength) {
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    String keyOf(String clientIp) {
        InetAddress address = literal(clientIp);
        return switch (address) {
            case Inet4Address v4 -> v4.getHostAddress();
            case Inet6Address v6 -> prefix(v6.getAddress());
            case null, default -> UNKNOWN;
        };
    }

    private String prefix(byte[] address) {
        BigInteger bits = new BigInteger(1, address).shiftRight(128 - ipv6PrefixLength).shiftLeft(128 - ipv6PrefixLength);
        return bits.toString(16) + "/" + ipv6PrefixLength;
    }

    /** The address the text is a literal of, or null. Only literals are parsed: no name is ever looked up. */
    private static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        int zone = candidate.indexOf('%');
        if (zone >= 0) {
            candidate = candidate.substring(0, zone);
        }
        try {
            Matcher v4 = IPV4.matcher(candidate);
            if (v4.matches()) {
                byte[] octets = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    octets[i] = (byte) octet;
                }
                return InetAddress.getByAddress(octets);
            }
            if (candidate.indexOf(':') >= 0 && IPV6.matcher(candidate).matches()) {
                // Also turns an IPv4-mapped address into the Inet4Address it maps.
                return InetAddress.getByName(candidate.toLowerCase(Locale.ROOT));
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
