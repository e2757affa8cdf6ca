package dev.callcoach.simulator.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature vectors of docs/protocols.md ("Webhooks, status callbacks and signatures"), and the official validator accepting what we sign. */
class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    @Test
    void formPostVector() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("To", "+18005551212");
        params.put("From", "+14158675309");
        params.put("Digits", "1234");
        params.put("Caller", "+14158675309");
        params.put("CallSid", "CA1234567890ABCDE");
        assertThat(TwilioSignature.sign(TOKEN, URL, params)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void jsonBodyVector() throws Exception {
        String body = "{\"property\": \"value\", \"boolean\": true}";
        String hash = TwilioSignature.bodySha256(body);
        assertThat(hash).isEqualTo("0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
        String signed = URL + "&bodySHA256=" + hash;
        String signature = TwilioSignature.sign(TOKEN, signed, Map.of());
        assertThat(signature).isEqualTo("a9nBmqA0ju/hNViExpshrM61xv4=");
        assertThat(new RequestValidator(TOKEN).validate(signed, body, signature)).isTrue();
    }

    @Test
    void webSocketUpgradeVector() {
        String signature = TwilioSignature.sign(TOKEN, "wss://example.com/media", Map.of());
        assertThat(signature).isEqualTo("7PR3qMkpDyEJtMrVOY/LDyNq8J8=");
        assertThat(new RequestValidator(TOKEN).validate("wss://example.com/media", Map.of(), signature)).isTrue();
    }

    @Test
    void officialValidatorAcceptsWhatWeSign() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CA0123456789abcdef0123456789abcdef");
        params.put("CallStatus", "in-progress");
        params.put("Caller", "+61491570156");
        params.put("CalledCity", "");
        params.put("Timestamp", "Fri, 20 Aug 2010 01:13:42 +0000");
        params.put("Ünïcode", "ça va? 100% & more=yes");
        String url = "https://calls.example.com:8443/twilio/status?tenant=a%20b";
        String signature = TwilioSignature.sign("s3cr3t", url, params);
        RequestValidator validator = new RequestValidator("s3cr3t");
        assertThat(validator.validate(url, params, signature)).isTrue();
        assertThat(new RequestValidator("other").validate(url, params, signature)).isFalse();
        params.put("CallStatus", "completed");
        assertThat(validator.validate(url, params, signature)).isFalse();
    }
}
