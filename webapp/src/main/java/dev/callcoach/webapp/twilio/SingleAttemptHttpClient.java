package dev.callcoach.webapp.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The SDK's HTTP client, sending every request exactly once. Left to itself the SDK repeats a request
 * up to three times when the answer is a 5xx or none at all ({@code HttpClient.reliableRequest}), and
 * Apache's client, which it builds on, repeats some on its own: for {@code POST /Calls} each repeat can
 * place a second call to the same person, whose first call may already be ringing. A failed attempt is
 * reported instead ({@link CallCreationFailures}), and the caller decides.
 */
class SingleAttemptHttpClient extends NetworkHttpClient {

    SingleAttemptHttpClient() {
        super(HttpClientBuilder.create()
                .useSystemProperties()
                .disableAutomaticRetries()
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG));
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }
}
