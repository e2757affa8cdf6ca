package dev.callcoach.backend.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrowserUpgradeCheckTest {

    @Test
    void theSessionIsTheCanonicalUuidAfterThePrefix() {
        UUID session = UUID.randomUUID();
        assertThat(BrowserUpgradeCheck.sessionOf("/browser/media/" + session)).contains(session);
        assertThat(BrowserUpgradeCheck.sessionOf("/browser/media/" + session.toString().toUpperCase())).contains(session);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/browser/media/", "/browser/media/1-1-1-1-1", "/browser/media/not-a-uuid",
            "/twilio/media/3f2b9c4e-8d1a-4c6f-9b7e-2a5d8e1f0c34", "/browser/media/3f2b9c4e-8d1a-4c6f-9b7e-2a5d8e1f0c34/x"})
    void anythingElseNamesNoSession(String path) {
        assertThat(BrowserUpgradeCheck.sessionOf(path)).isEmpty();
    }
}
