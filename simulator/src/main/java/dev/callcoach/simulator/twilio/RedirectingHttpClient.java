package dev.callcoach.simulator.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;

/**
 * Points the official Twilio SDK at FakeTwilio: the SDK hard-codes {@code https://*.twilio.com},
 * so every request is re-addressed (docs/protocols.md, "Creating calls through the Java SDK"). For tests; the webapp has its own
 * production client, as production code never depends on this module. Needs the Twilio SDK, an
 * optional dependency of this module that every user of this class has already.
 */
public final class RedirectingHttpClient extends HttpClient {

    private final NetworkHttpClient delegate = new NetworkHttpClient();
    private final String base;

    private RedirectingHttpClient(String base) {
        this.base = base;
    }

    /** A REST client for the FakeTwilio at {@code base} (e.g. {@code http://127.0.0.1:8089}). */
    public static TwilioRestClient client(String base, String accountSid, String authToken) {
        return new TwilioRestClient.Builder(accountSid, authToken).httpClient(new RedirectingHttpClient(base)).build();
    }

    @Override
    public Response makeRequest(Request in) {
        Request out = new Request(in.getMethod(), in.getUrl().replaceFirst("^https://[a-z0-9.-]+\\.twilio\\.com", base));
        if (in.getUsername() != null) {
            out.setAuth(in.getUsername(), in.getPassword());
        } else if (in.getAuthStrategy() != null) {
            out.setAuth(in.getAuthStrategy());
        }
        if (in.getContentType() != null) {
            out.setContentType(in.getContentType());
        }
        if (in.getBody() != null) {
            out.setBody(in.getBody());
        }
        in.getPostParams().forEach((k, values) -> values.forEach(v -> out.addPostParam(k, v)));
        in.getQueryParams().forEach((k, values) -> values.forEach(v -> out.addQueryParam(k, v)));
        in.getHeaderParams().forEach((k, values) -> values.forEach(v -> out.addHeaderParam(k, v)));
        return delegate.makeRequest(out);
    }
}
