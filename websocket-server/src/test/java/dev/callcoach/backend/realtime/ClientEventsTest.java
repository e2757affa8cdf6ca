package dev.callcoach.backend.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientEventsTest {

    @Test
    void eventsHaveTheDocumentedShapes() {
        assertThat(ClientEvents.appendAudio("//8=")).isEqualTo("{\"type\":\"input_audio_buffer.append\",\"audio\":\"//8=\"}");
        assertThat(ClientEvents.truncate("item_1", 1520))
                .isEqualTo("{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_1\",\"content_index\":0,\"audio_end_ms\":1520}");
        assertThat(ClientEvents.createResponse()).isEqualTo("{\"type\":\"response.create\"}");
        assertThat(ClientEvents.systemMessage("Wrap up."))
                .isEqualTo("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"system\","
                        + "\"content\":[{\"type\":\"input_text\",\"text\":\"Wrap up.\"}]}}");
        assertThat(ClientEvents.functionCallOutput("call_1", "{\"ok\":true}"))
                .isEqualTo("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\","
                        + "\"call_id\":\"call_1\",\"output\":\"{\\\"ok\\\":true}\"}}");
    }
}
