package dev.callcoach.webapp.limit;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
 * @param maxTrackedIps  how many client IPs are remembered at most before idle ones are forgotten
 */
@ConfigurationProperties("callcoach.ip-limit")
public record IpLimitProperties(
        @DefaultValue("10") int placements,
        @DefaultValue("15m") Duration window,
        @DefaultValue("") String clientIpHeader,
        @DefaultValue("100000") int maxTrackedIps) {

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
        clientIpHeader = clientIpHeader == null ? "" : clientIpHeader.strip();
    }
}
