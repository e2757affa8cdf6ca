package dev.callcoach.backend.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.backend.testing.ChannelClient;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.ExampleScenarios;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.CallPlaced;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.CallStatus;
import dev.callcoach.contracts.channel.CallStatusChanged;
import dev.callcoach.contracts.channel.ChannelEvent;
import dev.callcoach.contracts.channel.PhoneLimitCheck;
import dev.callcoach.contracts.channel.PhoneLimitStatus;
import dev.callcoach.contracts.channel.Subscribe;
import dev.callcoach.contracts.examples.ContractExamples;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One client sends hundreds of mutated frames while another follows its own call: the second client's
 * replies and events are exactly what they would be alone, and the first still gets one reply per frame.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ChannelIsolationTest {

    private static final int MUTATED_FRAMES = 300;
    private static final String NASTY = "{}[]\",:\\\u0000\u001féß🙂0-9e+ nul";

    @TestHTTPResource("/")
    URI base;
    @Inject
    Pool pool;

    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random(20_260_301);

    @Test
    void mutatedFramesFromOneClientLeaveAnotherClientsSessionUntouched() throws Exception {
        Databases.truncate(pool);
        ExampleScenarios.install();
        String number = TestNumbers.fresh();
        try (ChannelClient good = ChannelClient.connect(base); ChannelClient bad = ChannelClient.connect(base)) {
            UUID session = ((CallReserved) good.request(ExampleScenarios.reservation("good-1", number))).sessionId();
            assertThat(good.request(new Subscribe("good-2", session))).isEqualTo(new Ack("good-2"));

            List<String> frames = mutatedFrames();
            for (int i = 0; i < frames.size(); i++) {
                bad.send(frames.get(i));
                if (i % 50 == 0) {
                    PhoneLimitStatus status = (PhoneLimitStatus) good.request(new PhoneLimitCheck("good-check-" + i, number));
                    assertThat(status.callsLeft()).isEqualTo(1);
                }
            }
            assertThat(good.request(new CallPlaced("good-3", session, "CA" + "7".repeat(32)))).isEqualTo(new Ack("good-3"));

            await().until(() -> replies(bad) == frames.size());
            assertThat(bad.isOpen()).isTrue();
            await().until(() -> !good.events().isEmpty());
            List<ChannelEvent> events = good.events();
            assertThat(events).singleElement().isInstanceOfSatisfying(CallStatusChanged.class, event -> {
                assertThat(event.sessionId()).isEqualTo(session);
                assertThat(event.status()).isEqualTo(CallStatus.QUEUED);
            });
        }
    }

    private static long replies(ChannelClient client) {
        return client.frames().size() - client.events().size();
    }

    /** Example frames of every type, each broken in one of several ways, from a fixed seed. */
    private List<String> mutatedFrames() throws Exception {
        List<String> examples = ContractExamples.channelExampleNames().stream().map(ContractExamples::json).toList();
        List<String> frames = new ArrayList<>();
        while (frames.size() < MUTATED_FRAMES) {
            String example = examples.get(random.nextInt(examples.size()));
            frames.add(switch (frames.size() % 8) {
                case 0 -> deleteChar(example);
                case 1 -> insertChar(example);
                case 2 -> example.substring(0, random.nextInt(example.length()));
                case 3 -> replaceValue(example);
                case 4 -> dropField(example);
                case 5 -> retype(example);
                case 6 -> "[".repeat(2000) + "]".repeat(2000);
                default -> insertChar(deleteChar(example));
            });
        }
        return frames;
    }

    private String deleteChar(String frame) {
        int at = random.nextInt(frame.length());
        return frame.substring(0, at) + frame.substring(at + 1);
    }

    private String insertChar(String frame) {
        int at = random.nextInt(frame.length());
        return frame.substring(0, at) + NASTY.charAt(random.nextInt(NASTY.length())) + frame.substring(at);
    }

    /** Gives one field a value of another JSON type. */
    private String replaceValue(String frame) throws Exception {
        ObjectNode node = (ObjectNode) json.readTree(frame);
        String field = randomField(node);
        JsonNode[] others = {json.getNodeFactory().numberNode(random.nextLong()), json.getNodeFactory().booleanNode(true),
                json.getNodeFactory().nullNode(), json.createArrayNode().add("x"), json.createObjectNode().put("a", 1),
                json.getNodeFactory().textNode("z".repeat(random.nextInt(5000))), json.getNodeFactory().numberNode(1.5e308)};
        node.set(field, others[random.nextInt(others.length)]);
        return json.writeValueAsString(node);
    }

    private String dropField(String frame) throws Exception {
        ObjectNode node = (ObjectNode) json.readTree(frame);
        node.remove(randomField(node));
        return json.writeValueAsString(node);
    }

    /** Keeps the fields, changes the type to another message's or to nonsense. */
    private String retype(String frame) throws Exception {
        ObjectNode node = (ObjectNode) json.readTree(frame);
        List<String> types = ContractExamples.channelExampleNames();
        node.put("type", random.nextBoolean() ? types.get(random.nextInt(types.size())) : "call." + UUID.randomUUID());
        return json.writeValueAsString(node);
    }

    private String randomField(ObjectNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.get(random.nextInt(names.size()));
    }
}
