package dev.callcoach.simulator.twilio;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Makes Twilio's webhook requests: form POST (params in the body) or GET (params appended to the
 * query), signed with {@code X-Twilio-Signature} over the URL as configured, sent to the rewritten
 * address. Never fails: a connection problem comes back as a {@link WebhookRequest} with status 0.
 */
final class WebhookClient implements AutoCloseable {

    private static final long TIMEOUT_MS = 15_000;
    private static final int MAX_BODY_CHARS = 64 * 1024;

    private final HttpClient http;
    private final String authToken;
    private final UrlRewriter rewriter;

    WebhookClient(Vertx vertx, String authToken, UrlRewriter rewriter) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS).setMaxPoolSize(64));
        this.authToken = authToken;
        this.rewriter = rewriter;
    }

    Future<WebhookRequest> send(String purpose, String url, String method, Map<String, String> params) {
        boolean get = method.equals("GET");
        String encoded = encode(params);
        String signedUrl = get ? url + (url.contains("?") ? "&" : "?") + encoded : url;
        String signature = TwilioSignature.sign(authToken, signedUrl, get ? Map.of() : params);
        long sentAt = System.currentTimeMillis();
        RequestOptions options;
        try {
            options = new RequestOptions()
                    .setMethod(get ? HttpMethod.GET : HttpMethod.POST)
                    .setAbsoluteURI(rewriter.apply(signedUrl))
                    .setConnectTimeout(TIMEOUT_MS)
                    .setIdleTimeout(TIMEOUT_MS)
                    .putHeader("X-Twilio-Signature", signature)
                    .putHeader("User-Agent", "TwilioProxy/1.1")
                    .putHeader("Accept", "*/*")
                    .putHeader("I-Twilio-Idempotency-Token", UUID.randomUUID().toString());
        } catch (RuntimeException e) {
            return Future.succeededFuture(new WebhookRequest(purpose, url, method, params, signature, sentAt, 0, null,
                    "invalid URL: " + e.getMessage()));
        }
        if (!get) {
            options.putHeader("Content-Type", "application/x-www-form-urlencoded");
        }
        return http.request(options)
                .compose(request -> get ? request.send() : request.send(Buffer.buffer(encoded)))
                .compose(response -> response.body().map(body -> new WebhookRequest(purpose, url, method, params,
                        signature, sentAt, response.statusCode(), truncate(body.toString(StandardCharsets.UTF_8)), null)))
                .recover(failure -> Future.succeededFuture(new WebhookRequest(purpose, url, method, params, signature,
                        sentAt, 0, null, String.valueOf(failure.getMessage()))));
    }

    @Override
    public void close() {
        http.close();
    }

    private static String encode(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((name, value) -> out.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static String truncate(String body) {
        return body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS);
    }
}
