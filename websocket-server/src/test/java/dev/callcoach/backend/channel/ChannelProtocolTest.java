package dev.callcoach.backend.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.testing.ChannelClient;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ErrorCode;
import dev.callcoach.contracts.channel.ErrorReply;
import dev.callcoach.contracts.channel.Subscribe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad frames get a clear error reply and the connection stays usable. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ChannelProtocolTest {

    @TestHTTPResource("/")
    URI base;

    private ChannelClient client;

    @BeforeEach
    void connect() {
        client = ChannelClient.connect(base);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void malformedJsonGetsAnErrorWithoutCorrelationId() {
        client.send("{\"type\": \"call.reserve\", ");

        ErrorReply error = nextUncorrelatedError();
        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(error.message()).startsWith("malformed JSON");
        assertStillServing();
    }

    @Test
    void unknownTypeGetsAnErrorEchoingTheCorrelationId() {
        client.send("{\"type\":\"call.teleport\",\"correlationId\":\"c-7\"}");

        assertThat(client.reply("c-7")).isEqualTo(new ErrorReply("c-7", ErrorCode.UNKNOWN_TYPE,
                "unknown message type 'call.teleport'"));
        assertStillServing();
    }

    @Test
    void wrongFieldTypesGetAnInvalidMessageError() {
        client.send("{\"type\":\"session.subscribe\",\"correlationId\":\"c-8\",\"sessionId\":42}");
        client.send("{\"type\":\"phone.limit.check\",\"correlationId\":\"c-9\",\"phoneNumber\":14155550123}");
        client.send("{\"type\":\"call.placed\",\"correlationId\":\"c-10\",\"sessionId\":\"" + UUID.randomUUID() + "\"}");

        assertThat(error("c-8").code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(error("c-8").message()).contains("sessionId");
        assertThat(error("c-9").message()).contains("phoneNumber");
        assertThat(error("c-10").message()).contains("callSid");
        assertStillServing();
    }

    @Test
    void reportRequestsWithoutAUsableTokenAreRefused() {
        String session = UUID.randomUUID().toString();
        client.send("{\"type\":\"report.get\",\"correlationId\":\"c-20\",\"sessionId\":\"" + session + "\"}");
        client.send("{\"type\":\"report.delete\",\"correlationId\":\"c-21\",\"sessionId\":\"" + session
                + "\",\"reportToken\":\"short\"}");
        client.send("{\"type\":\"report.retry\",\"correlationId\":\"c-22\",\"sessionId\":\"" + session
                + "\",\"reportToken\":\"" + "x".repeat(43) + "\"}");

        assertThat(error("c-20")).isEqualTo(new ErrorReply("c-20", ErrorCode.INVALID_MESSAGE,
                "missing required field 'reportToken'"));
        assertThat(error("c-21").message()).isEqualTo("field 'reportToken' must be 22 to 128 base64url characters");
        // Well-formed but unknown: the same answer whether the session exists or the token is wrong.
        assertThat(error("c-22")).isEqualTo(new ErrorReply("c-22", ErrorCode.NOT_FOUND, "no report for session " + session));
        assertStillServing();
    }

    @Test
    void oversizedFramesGetAnErrorAndTheConnectionStays() {
        String padding = "x".repeat(100 * 1024);
        client.send("{\"type\":\"session.subscribe\",\"correlationId\":\"c-11\",\"pad\":\"" + padding + "\"}");

        ErrorReply error = nextUncorrelatedError();
        assertThat(error.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertStillServing();
    }

    @Test
    void framesBeyondTheHardCeilingCloseOnlyThatConnection() {
        try (ChannelClient bystander = ChannelClient.connect(base)) {
            client.send("x".repeat(2 * 1024 * 1024));

            await().until(() -> !client.isOpen());
            assertThat(client.closeReason().getCode()).isEqualTo(1009);
            assertThat(bystander.request(new Subscribe("c-12", UUID.randomUUID()))).isEqualTo(new Ack("c-12"));
        }
    }

    @Test
    void repliesAndEventsSentToTheBackendAreRefused() {
        client.send("{\"type\":\"ack\",\"correlationId\":\"c-13\"}");
        client.send("{\"type\":\"call.status\",\"sessionId\":\"" + UUID.randomUUID()
                + "\",\"status\":\"ringing\",\"at\":\"2026-01-01T00:00:00Z\",\"detail\":null}");

        await().until(() -> client.uncorrelatedReplies().size() == 2);
        assertThat(client.uncorrelatedReplies()).allSatisfy(reply ->
                assertThat(((ErrorReply) reply).code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
        assertStillServing();
    }

    @Test
    void binaryFramesAreRefused() {
        client.sendBinary(new byte[] {1, 2, 3});

        assertThat(nextUncorrelatedError().message()).contains("binary");
        assertStillServing();
    }

    private ErrorReply error(String correlationId) {
        ChannelReply reply = client.reply(correlationId);
        assertThat(reply).isInstanceOf(ErrorReply.class);
        return (ErrorReply) reply;
    }

    private ErrorReply nextUncorrelatedError() {
        await().until(() -> !client.uncorrelatedReplies().isEmpty());
        return (ErrorReply) client.uncorrelatedReplies().getFirst();
    }

    private void assertStillServing() {
        String id = "ok-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.request(new Subscribe(id, UUID.randomUUID()))).isEqualTo(new Ack(id));
        assertThat(client.isOpen()).isTrue();
    }
}
