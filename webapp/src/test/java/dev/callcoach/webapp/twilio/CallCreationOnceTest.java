package dev.callcoach.webapp.twilio;

import static dev.callcoach.webapp.twilio.TwilioCallsTest.ACCOUNT;
import static dev.callcoach.webapp.twilio.TwilioCallsTest.TOKEN;
import static dev.callcoach.webapp.twilio.TwilioCallsTest.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callcoach.webapp.testing.HttpStub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /Calls} goes out exactly once, whatever happens, and a failure after sending is told apart
 * from a refusal: the first may have placed a call, so its slot must be kept.
 */
class CallCreationOnceTest {

    private final HttpStub twilio = new HttpStub();

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void aServerErrorIsNotRetriedAndItsOutcomeIsUnknown() {
        twilio.answer(request -> HttpStub.Answer.json(500, "{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}"));

        assertThatThrownBy(() -> calls(twilio.baseUrl()).place(call()))
                .isInstanceOfSatisfying(TwilioCallUncertainException.class, e -> assertThat(e.httpStatus()).isEqualTo(500));
        // The SDK alone would have sent it three times, each a possible second call to the same person.
        assertThat(twilio.requests).hasSize(1);
    }

    @Test
    void serviceUnavailableIsNotRetriedEither() {
        twilio.answer(request -> HttpStub.Answer.json(503, "{\"code\": 20503, \"message\": \"Service Unavailable\", \"status\": 503}"));

        assertThatThrownBy(() -> calls(twilio.baseUrl()).place(call()))
                .isInstanceOf(TwilioCallUncertainException.class);
        assertThat(twilio.requests).hasSize(1);
    }

    @Test
    void aCreatedCallWhoseAnswerCannotBeReadMayExist() {
        twilio.answer(request -> new HttpStub.Answer(201, "application/json", "{\"sid\": "));

        assertThatThrownBy(() -> calls(twilio.baseUrl()).place(call()))
                .isInstanceOf(TwilioCallUncertainException.class);
        assertThat(twilio.requests).hasSize(1);
    }

    @Test
    void aConnectionResetAfterTheRequestWasSentIsAmbiguousAndNotRetried() throws Exception {
        try (ResettingServer server = new ResettingServer()) {
            assertThatThrownBy(() -> calls(server.baseUrl()).place(call()))
                    .isInstanceOfSatisfying(TwilioCallUncertainException.class, e -> {
                        assertThat(e.httpStatus()).isNull();
                        assertThat(e.getMessage()).doesNotContain("+614");
                    });
            assertThat(server.requestsRead.get()).isEqualTo(1);
        }
    }

    @Test
    void aRefusalAndAnUnreachableTwilioAreClearFailures() throws Exception {
        twilio.answer(request -> HttpStub.Answer.json(400, "{\"code\": 21211, \"message\": \"invalid\", \"status\": 400}"));
        assertThatThrownBy(() -> calls(twilio.baseUrl()).place(call()))
                .isInstanceOfSatisfying(TwilioCallException.class, e -> assertThat(e.code()).isEqualTo(21211));
        assertThat(twilio.requests).hasSize(1);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> calls(URI.create("http://127.0.0.1:" + closedPort)).place(call()))
                .isInstanceOfSatisfying(TwilioCallException.class, e -> assertThat(e.code()).isNull());
    }

    private static TwilioCalls calls(URI baseUrl) {
        return new TwilioCalls(new TwilioProperties(ACCOUNT, TOKEN, "", "", baseUrl, Map.of("au", "+61255501234")));
    }

    /** Reads each HTTP request in full, then resets the connection instead of answering. */
    private static final class ResettingServer implements AutoCloseable {

        final AtomicInteger requestsRead = new AtomicInteger();
        private final ServerSocket socket;
        private final Thread acceptor;

        ResettingServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(this::serve);
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    readRequest(connection);
                    requestsRead.incrementAndGet();
                    connection.setSoLinger(true, 0);   // close with RST, as a dropped connection looks
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void readRequest(Socket connection) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring("content-length:".length()).strip());
                }
            }
            for (int i = 0; i < length; i++) {
                in.read();
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join();
        }
    }
}
