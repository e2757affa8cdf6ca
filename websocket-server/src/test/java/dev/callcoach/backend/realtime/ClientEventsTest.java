package dev.callcoach.backend.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientEventsTest {

    @Test
    void eventsHaveTheDocumentedShapes() {
        assertThat(ClientEvents.appendAudio("ap_1", "//8=")).isEqualTo("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"ap_1\",\"audio\":\"//8=\"}");
        assertThat(ClientEvents.truncate("tr_2", "item_1", 1520))
                .isEqualTo("{\"type\":\"conversation.item.truncate\",\"event_id\":\"tr_2\",\"item_id\":\"item_1\",\"content_index\":0,\"audio_end_ms\":1520}");
        assertThat(ClientEvents.createResponse("rc_3")).isEqualTo("{\"type\":\"response.create\",\"event_id\":\"rc_3\"}");
        assertThat(ClientEvents.cancelResponse("cx_4")).isEqualTo("{\"type\":\"response.cancel\",\"event_id\":\"cx_4\"}");
        assertThat(ClientEvents.systemMessage("msg_5", "Wrap up."))
                .isEqualTo("{\"type\":\"conversation.item.create\",\"event_id\":\"msg_5\",\"item\":{\"type\":\"message\",\"role\":\"system\","
                        + "\"content\":[{\"type\":\"input_text\",\"text\":\"Wrap up.\"}]}}");
        assertThat(ClientEvents.userMessage("msg_6", "The caller pressed 5 on the phone keypad."))
                .contains("\"role\":\"user\"").contains("pressed 5");
        assertThat(ClientEvents.functionCallOutput("fo_7", "call_1", "{\"ok\":true}"))
                .isEqualTo("{\"type\":\"conversation.item.create\",\"event_id\":\"fo_7\",\"item\":{\"type\":\"function_call_output\","
                        + "\"call_id\":\"call_1\",\"output\":\"{\\\"ok\\\":true}\"}}");
    }

    @Test
    void anEventIdTellsWhatTheEventWasFor() {
        ClientEventIds ids = new ClientEventIds();
        assertThat(ClientEventKind.of(ids.next(ClientEventKind.SESSION_UPDATE))).contains(ClientEventKind.SESSION_UPDATE);
        assertThat(ClientEventKind.of(ids.next(ClientEventKind.RESPONSE_CREATE))).contains(ClientEventKind.RESPONSE_CREATE);
        assertThat(ClientEventKind.of("event_somebody_elses")).isEmpty();
        assertThat(ClientEventKind.of(null)).isEmpty();
    }
}
