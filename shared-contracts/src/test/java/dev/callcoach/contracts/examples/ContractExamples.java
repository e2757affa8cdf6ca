package dev.callcoach.contracts.examples;

import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelMessage;
import dev.callcoach.contracts.channel.ChannelProtocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the example frames under {@code examples/channel/<type>.json}, one per channel message type.
 * Depend on {@code shared-contracts} with {@code <type>test-jar</type>} and test your side against these:
 * they are the frames this module proves it can read and write.
 */
public final class ContractExamples {

    /** Classpath folder of the channel examples. */
    public static final String CHANNEL_FOLDER = "examples/channel/";

    private ContractExamples() {
    }

    /** The wire names of all channel messages, e.g. {@code "call.reserve"}; each has an example. */
    public static List<String> channelExampleNames() {
        return List.copyOf(ChannelProtocol.MESSAGE_TYPES.keySet());
    }

    /** The example frame of the channel message with this wire name, e.g. {@code json("call.reserve")}. */
    public static String json(String name) {
        String resource = CHANNEL_FOLDER + name + ".json";
        try (InputStream in = ContractExamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no channel example '" + name + "' (expected " + resource
                        + "); known: " + channelExampleNames());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The example of this wire name, decoded. */
    public static ChannelMessage message(String name) {
        return new ChannelCodec().decode(json(name));
    }
}
