package dev.callcoach.webapp.base.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The shared UI plumbing: the error handler on every session, background work and timers. */
@Configuration(proxyBeanMethods = false)
class UiConfiguration {

    @Bean
    FriendlyErrorHandler friendlyErrorHandler() {
        return new FriendlyErrorHandler();
    }

    @Bean
    VaadinServiceInitListener errorHandlerInstaller(FriendlyErrorHandler handler) {
        return (ServiceInitEvent event) -> event.getSource()
                .addSessionInitListener(init -> init.getSession().setErrorHandler(handler));
    }

    /** Background work is mostly waiting on the network: one virtual thread per task. */
    @Bean(destroyMethod = "close")
    UiTasks uiTasks() {
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ui-ticker");
            thread.setDaemon(true);
            return thread;
        });
        return new UiTasks(background, new ScheduledTicker(scheduler), () -> {
            scheduler.shutdownNow();
            background.shutdownNow();
        });
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
