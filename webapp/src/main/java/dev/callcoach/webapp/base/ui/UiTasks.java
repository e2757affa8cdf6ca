package dev.callcoach.webapp.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs slow work (network round trips) off the request thread and applies its outcome to the UI under the
 * session lock, where server push takes it to the browser. A UI closed in the meantime is skipped quietly.
 */
public class UiTasks implements AutoCloseable {

    private final Executor executor;
    private final Ticker ticker;
    private final Runnable onClose;

    public UiTasks(Executor executor, Ticker ticker) {
        this(executor, ticker, () -> { });
    }

    UiTasks(Executor executor, Ticker ticker, Runnable onClose) {
        this.executor = executor;
        this.ticker = ticker;
        this.onClose = onClose;
    }

    /** Stops the executors this instance owns. */
    @Override
    public void close() {
        onClose.run();
    }

    /**
     * Runs {@code work} in the background, then {@code onResult} or {@code onFailure} in the UI. Failures other
     * than {@link RuntimeException}s, and anything {@code onFailure} rethrows, reach the central error handler.
     */
    public <T> void run(UI ui, Supplier<T> work, Consumer<T> onResult, Consumer<RuntimeException> onFailure) {
        executor.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                access(ui, () -> onFailure.accept(e));
                return;
            }
            access(ui, () -> onResult.accept(result));
        });
    }

    /** The scheduler for timers and throttled updates. */
    public Ticker ticker() {
        return ticker;
    }

    /** {@code ui.access} that ignores a UI which has gone away. */
    public static void access(UI ui, Command command) {
        try {
            ui.access(command);
        } catch (UIDetachedException e) {
            // The page was closed; nobody is left to show it to.
        }
    }
}
