package dev.callcoach.webapp.base.ui;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.server.ErrorEvent;
import dev.callcoach.webapp.base.UserFacingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ViewPackages(classes = MainLayout.class)
class FriendlyErrorHandlerTest extends BrowserlessTest {

    private final FriendlyErrorHandler handler = new FriendlyErrorHandler();

    @Test
    void aMessageWrittenForPeopleIsShownAsItIs() {
        handler.error(new ErrorEvent(new IllegalStateException("wrapped",
                new UserFacingException("The call service didn't answer in time."))));

        assertThat(test($(Notification.class).single()).getText()).isEqualTo("The call service didn't answer in time.");
    }

    @Test
    void anythingElseGetsACalmSentenceAndAReferenceNeverTheException() {
        handler.error(new ErrorEvent(new NullPointerException("secret=sk-123 at Foo.java:42")));

        String shown = test($(Notification.class).single()).getText();
        assertThat(shown).startsWith(FriendlyErrorHandler.GENERIC_MESSAGE).matches(".*\\(Reference [0-9a-f]{8}\\)");
        assertThat(shown).doesNotContain("secret", "NullPointer", "Foo.java");
    }
}
