package dev.callcoach.webapp.twilio;

import com.twilio.http.Request;
import com.twilio.http.Response;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Sends the SDK's requests to another base URL (the simulator). The SDK builds every URL as
 * {@code https://<domain>.twilio.com/...} and has no base-URL option, so the host is swapped here and the
 * rest of the request copied as it is. Sent once, like every request to Twilio ({@link SingleAttemptHttpClient}).
 */
final class RedirectingHttpClient extends SingleAttemptHttpClient {

    private static final Pattern TWILIO_ORIGIN = Pattern.compile("^https://[a-z0-9.-]+\\.twilio\\.com");

    private final String baseUrl;

    RedirectingHttpClient(URI baseUrl) {
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public Response makeRequest(Request in) {
        Request out = new Request(in.getMethod(), TWILIO_ORIGIN.matcher(in.getUrl()).replaceFirst(baseUrl));
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
        if (in.getFormParameters() != null) {
            out.setFormParameters(in.getFormParameters());
        }
        in.getPostParams().forEach((name, values) -> values.forEach(value -> out.addPostParam(name, value)));
        in.getQueryParams().forEach((name, values) -> values.forEach(value -> out.addQueryParam(name, value)));
        in.getHeaderParams().forEach((name, values) -> values.forEach(value -> out.addHeaderParam(name, value)));
        return super.makeRequest(out);
    }
}
