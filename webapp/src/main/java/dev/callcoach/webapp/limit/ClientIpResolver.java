package dev.callcoach.webapp.limit;

import java.util.function.UnaryOperator;

/**
 * Finds the client's IP address: from the one header a trusted proxy sets when one is configured,
 * otherwise from the socket. {@code X-Forwarded-For} and friends are never read on their own, since a
 * client can send them with any value.
 */
public final class ClientIpResolver {

    private static final int MAX_HEADER_LENGTH = 64;

    private final String trustedHeader;

    public ClientIpResolver(IpLimitProperties properties) {
        this.trustedHeader = properties.clientIpHeader();
    }

    /**
     * @param headers       looks a request header up by name, null when absent
     * @param remoteAddress the socket's remote address
     */
    public String resolve(UnaryOperator<String> headers, String remoteAddress) {
        if (!trustedHeader.isEmpty()) {
            String value = headers.apply(trustedHeader);
            if (value != null && !value.isBlank() && value.length() <= MAX_HEADER_LENGTH) {
                return value.strip();
            }
        }
        return remoteAddress == null || remoteAddress.isBlank() ? "unknown" : remoteAddress;
    }
}
