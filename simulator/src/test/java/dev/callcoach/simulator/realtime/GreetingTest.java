package dev.callcoach.simulator.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An unscripted first reply says the opening line the instructions ask for. */
class GreetingTest {

    @Test
    void findsTheQuotedLineAfterSaying() {
        String instructions = "You are Alex.\n\n# Opening\nThe caller has just picked up. Open the call by saying, naturally "
                + "and in the language of this conversation: \"Hi, this is \\\"Alex\\\" calling about the role.\"\n\n# Rules";

        assertThat(Greeting.in(instructions)).contains("Hi, this is \"Alex\" calling about the role.");
        assertThat(Greeting.in("Be a helpful assistant.")).isEmpty();
        assertThat(Greeting.in(null)).isEmpty();
    }

    @Test
    void onlyAnUnscriptedFirstResponseUsesItWhenAsked() {
        String instructions = "Open by saying \"Hello there.\"";
        SessionScript greeting = SessionScript.defaults().greetFromInstructions();

        assertThat(greeting.reply(1, instructions).text()).isEqualTo("Hello there.");
        assertThat(greeting.reply(2, instructions).text()).isEqualTo("This is simulated reply number 2.");
        assertThat(greeting.replies(Reply.say("Scripted.")).reply(1, instructions).text()).isEqualTo("Scripted.");
        assertThat(SessionScript.defaults().reply(1, instructions).text()).isEqualTo("This is simulated reply number 1.");
    }
}
