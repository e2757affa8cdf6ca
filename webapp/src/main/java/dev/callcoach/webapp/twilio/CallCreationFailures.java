package dev.callcoach.webapp.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Tells a failed {@code POST /Calls} that surely placed no call from one that may have. The request is
 * sent once ({@link SingleAttemptHttpClient}), so what matters is whether it got to Twilio:
 * <ul>
 *   <li>a 4xx answer is Twilio refusing: {@link TwilioCallException} with its code;</li>
 *   <li>no connection (refused, unknown host, connect timeout, TLS handshake) means nothing was sent:
 *       {@link TwilioCallException} without a code, "unreachable";</li>
 *   <li>anything after sending (reset, read timeout, an unreadable answer) or a 5xx may have created
 *       the call: {@link TwilioCallUncertainException}.</li>
 * </ul>
 */
final class CallCreationFailures {

    private CallCreationFailures() {
    }

    static RuntimeException of(TwilioException failure) {
        if (failure instanceof ApiException api && api.getStatusCode() != null) {
            int status = api.getStatusCode();
            return status >= 500
                    ? new TwilioCallUncertainException("HTTP " + status, status, null)
                    : new TwilioCallException(api.getCode(), status, null);
        }
        if (failure instanceof ApiException || failure instanceof ApiConnectionException) {
            return neverSent(failure)
                    ? new TwilioCallException(null, null, null)
                    : new TwilioCallUncertainException(describe(failure), null, null);
        }
        // Missing credentials or an invalid request: the SDK stopped before sending anything.
        return new TwilioCallException(null, null, null);
    }

    private static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
                    || cause instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    /** The failure's kind, never its message: an SDK message can quote the request, and so the number. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
