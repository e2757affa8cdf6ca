package dev.callcoach.backend.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callcoach.backend.testing.ChannelClient;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.GetScenarioCatalog;
import dev.callcoach.contracts.channel.ScenarioCatalog;
import dev.callcoach.contracts.channel.Subscribe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ChannelAuthenticationTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    MeterRegistry registry;

    @Test
    void handshakeWithoutTokenIsRefusedBeforeOpen() {
        double before = openConnections();
        assertThatThrownBy(() -> ChannelClient.connect(base, null)).hasStackTraceContaining("401");
        assertThat(openConnections()).isEqualTo(before);
    }

    @Test
    void handshakeWithWrongTokenIsRefused() {
        assertThatThrownBy(() -> ChannelClient.connect(base, "Bearer " + ChannelClient.TOKEN + "x"))
                .hasStackTraceContaining("401");
        assertThatThrownBy(() -> ChannelClient.connect(base, ChannelClient.TOKEN)).hasStackTraceContaining("401");
        assertThatThrownBy(() -> ChannelClient.connect(base, "Bearer ")).hasStackTraceContaining("401");
    }

    @Test
    void handshakeWithTheTokenOpensTheChannel() {
        try (ChannelClient client = ChannelClient.connect(base)) {
            assertThat(client.request(new GetScenarioCatalog("c-1"))).isInstanceOf(ScenarioCatalog.class);
            assertThat(client.request(new Subscribe("c-2", UUID.randomUUID()))).isEqualTo(new Ack("c-2"));
        }
    }

    private double openConnections() {
        return registry.get("callcoach.channel.connections").gauge().value();
    }
}
