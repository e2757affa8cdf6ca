package dev.callcoach.simulator.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateCallRequestTest {

    private static final DialingRules RULES = new DialingRules(Set.of("1", "61", "91"), Set.of("+15005550009"), Set.of(), Set.of());

    @Test
    void validRequestWithRepeatedEvents() {
        Map<String, List<String>> form = form("To", "+61491570156", "From", "+15005550006", "Url", "https://x.example/twiml",
                "Twiml", "<Response/>", "Timeout", "30");
        form.put("StatusCallbackEvent", List.of("initiated", "ringing answered"));
        form.put("StatusCallback", List.of("https://x.example/status"));
        CreateCallRequest request = CreateCallRequest.parse(form, RULES);
        assertThat(request.twiml()).as("Twiml is ignored when Url is given").isNull();
        assertThat(request.statusCallbackEvents()).containsExactlyInAnyOrder("initiated", "ringing", "answered");
        assertThat(request.timeoutSeconds()).isEqualTo(30);
        assertThat(request.timeLimitSeconds()).isEqualTo(14_400);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.toString()).doesNotContain("491570156");
    }

    @Test
    void onlyCompletedCallbackByDefault() {
        CreateCallRequest request = CreateCallRequest.parse(form("To", "+15551234567", "From", "+15005550006",
                "Twiml", "<Response/>", "StatusCallback", "http://localhost:9/status"), RULES);
        assertThat(request.statusCallbackEvents()).containsExactly("completed");
        assertThat(request.wantsCallback("completed")).isTrue();
        assertThat(request.wantsCallback("ringing")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            To=                                        | 21201
            From=                                      | 21213
            To=12345                                   | 21211
            To=+0123456789                             | 21211
            From=not-a-number                          | 21212
            To=+442071838750                           | 21215
            To=+15005550009                            | 21216
            Url=                                       | 21205
            Url=ftp://x.example/twiml                  | 21205
            Method=PUT                                 | 21209
            StatusCallback=https://bad_host.example/s  | 21609
            StatusCallbackEvent=hangup                 | 21626
            Timeout=601                                | 21208
            Timeout=soon                               | 21208
            TimeLimit=0                                | 21208
            """)
    void invalidFieldsGetTwiliosCodes(String change, int code) {
        Map<String, List<String>> form = form("To", "+15551234567", "From", "+15005550006", "Url", "https://x.example/twiml");
        String[] kv = change.split("=", 2);
        if (kv[1].isEmpty()) {
            form.remove(kv[0]);
        } else {
            form.put(kv[0], List.of(kv[1]));
        }
        assertThatThrownBy(() -> CreateCallRequest.parse(form, RULES))
                .isInstanceOfSatisfying(TwilioApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toJson().get("more_info").asText()).endsWith("/" + code);
                });
    }

    @Test
    void tooLongInlineTwimlAndUnownedFrom() {
        assertThatThrownBy(() -> CreateCallRequest.parse(form("To", "+15551234567", "From", "+15005550006",
                "Twiml", "x".repeat(4001)), RULES)).hasMessageContaining("4000");
        DialingRules owned = new DialingRules(Set.of(), Set.of(), Set.of("+15005550006"), Set.of());
        assertThatThrownBy(() -> CreateCallRequest.parse(form("To", "+15551234567", "From", "+15005550007",
                "Twiml", "<Response/>"), owned)).isInstanceOfSatisfying(TwilioApiError.class, e -> assertThat(e.code()).isEqualTo(21210));
    }

    @Test
    void aTrialAccountCallsOnlyVerifiedNumbers() {
        DialingRules trial = new DialingRules(Set.of(), Set.of(), Set.of(), Set.of("+15551234567"));
        assertThatThrownBy(() -> CreateCallRequest.parse(form("To", "+15551230000", "From", "+15005550006",
                "Twiml", "<Response/>"), trial)).isInstanceOfSatisfying(TwilioApiError.class, e -> assertThat(e.code()).isEqualTo(21219));
        assertThat(CreateCallRequest.parse(form("To", "+15551234567", "From", "+15005550006", "Twiml", "<Response/>"), trial).to())
                .isEqualTo("+15551234567");
    }

    @Test
    void asyncAnsweringMachineDetectionIsReadAndChecked() {
        CreateCallRequest request = CreateCallRequest.parse(form("To", "+15551234567", "From", "+15005550006", "Twiml", "<Response/>",
                "MachineDetection", "DetectMessageEnd", "AsyncAmd", "true", "AsyncAmdStatusCallback", "https://x.example/amd"), RULES);
        assertThat(request.machineDetection()).isEqualTo("DetectMessageEnd");
        assertThat(request.asyncAmd()).isTrue();
        assertThat(request.asyncAmdStatusCallback()).isEqualTo("https://x.example/amd");
        assertThatThrownBy(() -> CreateCallRequest.parse(form("To", "+15551234567", "From", "+15005550006", "Twiml", "<Response/>",
                "MachineDetection", "Sometimes"), RULES)).hasMessageContaining("MachineDetection");
    }

    private static Map<String, List<String>> form(String... kv) {
        Map<String, List<String>> form = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            form.put(kv[i], List.of(kv[i + 1]));
        }
        return form;
    }
}
