package dev.callcoach.webapp.limit;

import io.github.bucket4j.Bandwidth;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How many call placements one client IP may make, and where its IP address comes from.
 *
 * @param placements     placements allowed per window
 * @param window         the window, starting at an IP's first placement; the allowance comes back whole when it ends
 * @param clientIpHeader request header set by a proxy we trust (e.g. {@code Fly-Client-IP}); blank means the
 *                       socket's remote address is used. Never set it when clients reach the webapp directly:
 *                       they could then choose their own IP
 * @param maxTrackedIps  how many clients (IPv4 addresses, IPv6 prefixes) an instance keeps in memory at most;
 *                       when full, only those whose allowance has refilled are forgotten, and new clients are
 *                       refused as "busy" until one has
 * @param ipv6PrefixLength IPv6 addresses are counted per prefix of this length: one subscriber holds a whole /64
 * @param databaseUrl    {@code DATABASE_URL}; when set, the allowances live in that PostgreSQL, shared by every
 *                       webapp instance, else in this instance's memory
 */
@ConfigurationProperties("callcoach.ip-limit")
public record IpLimitProperties(
        @DefaultValue("10") int placements,
        @DefaultValue("15m") Duration window,
        @DefaultValue("") String clientIpHeader,
        @DefaultValue("100000") int maxTrackedIps,
        @DefaultValue("64") int ipv6PrefixLength,
        @DefaultValue("") String databaseUrl) {

    /** In memory, IPv6 per /64: the defaults where only the allowance matters. */
    public IpLimitProperties(int placements, Duration window, String clientIpHeader, int maxTrackedIps) {
        this(placements, window, clientIpHeader, maxTrackedIps, 64, "");
    }

    @ConstructorBinding
    public IpLimitProperties {
        if (placements < 1) {
            throw new IllegalArgumentException("callcoach.ip-limit.placements must be at least 1, is " + placements);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("callcoach.ip-limit.window must be positive, is " + window);
        }
        if (maxTrackedIps < 1) {
            throw new IllegalArgumentException("callcoach.ip-limit.max-tracked-ips must be at least 1");
        }
        if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
            throw new IllegalArgumentException("callcoach.ip-limit.ipv6-prefix-length must be 1..128, is " + ipv6PrefixLength);
        }
        clientIpHeader = clientIpHeader == null ? "" : clientIpHeader.strip();
        databaseUrl = databaseUrl == null ? "" : databaseUrl.strip();
    }

    /**
     * One client's allowance: {@code placements}, all coming back at once when the window ends. Refilling all
     * at once (rather than gradually) is what makes "the 11th placement within 15 minutes is refused" hold: a
     * gradual refill would hand out one more every 90 s.
     */
    Bandwidth allowance() {
        return Bandwidth.builder().capacity(placements).refillIntervally(placements, window).build();
    }

    /** Never prints the database URL: it carries a password. */
    @Override
    public String toString() {
        return "IpLimitProperties[placements=" + placements + ", window=" + window + ", clientIpHeader=" + clientIpHeader
                + ", maxTrackedIps=" + maxTrackedIps + ", ipv6PrefixLength=" + ipv6PrefixLength
                + ", database=" + (databaseUrl.isEmpty() ? "none" : "set") + "]";
    }
}
