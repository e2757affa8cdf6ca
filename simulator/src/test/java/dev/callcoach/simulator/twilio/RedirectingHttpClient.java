package dev.callcoach.simulator.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * Points the official Twilio SDK at FakeTwilio: {@code IRequest} hard-codes
 * {@code https://api.twilio.com}, so the request is copied onto the simulator's base URL
 * (twilio-voice-webhooks.md §6). Test-only; the webapp has its own production client.
 */
final class RedirectingHttpClient extends HttpClient {

    private final NetworkHttpClient delegate = new NetworkHttpClient();
    private final String base;

    RedirectingHttpClient(String base) {
        this.base = base;
    }

    @Override
    public Response makeRequest(Request in) {
        Request r = new Request(in.getMethod(), in.getUrl().replaceFirst("^https://[a-z0-9.-]+\\.twilio\\.com", base));
        if (in.getUsername() != null) {
            r.setAuth(in.getUsername(), in.getPassword());
        } else if (in.getAuthStrategy() != null) {
            r.setAuth(in.getAuthStrategy());
        }
        if (in.getContentType() != null) {
            r.setContentType(in.getContentType());
        }
        if (in.getBody() != null) {
            r.setBody(in.getBody());
        }
        in.getPostParams().forEach((k, vs) -> vs.forEach(v -> r.addPostParam(k, v)));
        in.getQueryParams().forEach((k, vs) -> vs.forEach(v -> r.addQueryParam(k, v)));
        in.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> r.addHeaderParam(k, v)));
        return delegate.makeRequest(r);
    }
}
