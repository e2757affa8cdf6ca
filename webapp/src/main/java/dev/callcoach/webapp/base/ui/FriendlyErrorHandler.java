package dev.callcoach.webapp.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import dev.callcoach.webapp.base.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place uncaught UI errors end up. The person sees a calm notification; the log gets the details
 * under a short reference the person can quote. Messages of {@link UserFacingException}s are shown as
 * they are; anything else gets a generic sentence, never a stack trace.
 */
public class FriendlyErrorHandler implements ErrorHandler {

    static final String GENERIC_MESSAGE = "Something went wrong on our side. Please try again.";
    private static final Logger log = LoggerFactory.getLogger(FriendlyErrorHandler.class);

    @Override
    public void error(ErrorEvent event) {
        Throwable failure = event.getThrowable();
        UserFacingException userFacing = userFacing(failure);
        String message;
        if (userFacing != null) {
            log.info("event=ui_error_shown type={} message=\"{}\"", userFacing.getClass().getSimpleName(),
                    userFacing.getMessage());
            message = userFacing.getMessage();
        } else {
            String reference = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            log.error("event=ui_error reference={}", reference, failure);
            message = GENERIC_MESSAGE + " (Reference " + reference + ")";
        }
        if (UI.getCurrent() != null) {
            show(message);
        }
    }

    /** Shows a problem the way this handler does, for views that catch their own errors. */
    public static void show(String message) {
        Notification notification = new Notification(message, 6000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.open();
    }

    private static UserFacingException userFacing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UserFacingException userFacing) {
                return userFacing;
            }
        }
        return null;
    }
}
