package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callcoach.contracts.examples.ContractExamples;
import dev.callcoach.contracts.scenario.FieldType;
import dev.callcoach.contracts.scenario.ScenarioField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The example files are the contract: each must round-trip, and every message type must have one. */
class ChannelExamplesTest {

    private final ChannelCodec codec = new ChannelCodec();
    private final ObjectMapper plainJson = new ObjectMapper();

    static List<String> exampleNames() {
        return ContractExamples.channelExampleNames();
    }

    @ParameterizedTest
    @MethodSource("exampleNames")
    void exampleDecodesToItsTypeAndRoundTrips(String name) throws IOException {
        String example = ContractExamples.json(name);

        ChannelMessage decoded = codec.decode(example);
        String encoded = codec.encode(decoded);

        assertThat(decoded).isInstanceOf(ChannelProtocol.MESSAGE_TYPES.get(name));
        assertThat(codec.decode(encoded)).isEqualTo(decoded);
        // Same fields and values as the file: the examples spell out every field, nullable ones included.
        assertThat(plainJson.readTree(encoded)).isEqualTo(plainJson.readTree(example));
    }

    @Test
    void everyPermittedMessageRecordIsRegisteredUnderItsTypeName() {
        List<Class<?>> records = new ArrayList<>();
        collectRecords(ChannelMessage.class, records);

        assertThat(records).containsExactlyInAnyOrderElementsOf(ChannelProtocol.MESSAGE_TYPES.values());
        for (Class<?> type : records) {
            String name = ChannelProtocol.typeName(type.asSubclass(ChannelMessage.class));
            assertThat(ChannelProtocol.MESSAGE_TYPES.get(name)).isEqualTo(type);
        }
    }

    @Test
    void exampleFolderHoldsExactlyOneFilePerMessageType() throws IOException, URISyntaxException {
        Path folder = Path.of(Objects.requireNonNull(
                getClass().getClassLoader().getResource(ContractExamples.CHANNEL_FOLDER)).toURI());
        Set<String> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }

        assertThat(files).containsExactlyInAnyOrderElementsOf(
                ContractExamples.channelExampleNames().stream().map(name -> name + ".json").toList());
    }

    @Test
    void catalogExampleShowsEveryFieldTypeInARealisticScenario() {
        ScenarioCatalog catalog = (ScenarioCatalog) ContractExamples.message("scenario.catalog");

        assertThat(catalog.scenarios()).isNotEmpty();
        assertThat(catalog.scenarios().getFirst().fields()).extracting(ScenarioField::type)
                .containsAll(EnumSet.allOf(FieldType.class));
    }

    private static void collectRecords(Class<?> type, List<Class<?>> records) {
        if (type.isRecord()) {
            records.add(type);
        }
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collectRecords(permitted, records);
            }
        }
    }
}
