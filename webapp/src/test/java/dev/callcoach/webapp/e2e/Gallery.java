package dev.callcoach.webapp.e2e;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Screenshots of the page's states, each at desktop (1280 px) and phone (390 px) width, under
 * {@code target/screenshots/}, with an {@code index.html} to look through them, so a reviewer sees every state
 * without running the app. The viewport is set exactly through Chrome's device emulation.
 */
final class Gallery {

    static final Path DIRECTORY = Path.of("target", "screenshots");
    private static final List<Viewport> VIEWPORTS = List.of(new Viewport(1280, 1000, false), new Viewport(390, 844, true));
    private static final List<String> SHOTS = new ArrayList<>();

    private record Viewport(int width, int height, boolean mobile) {
    }

    private Gallery() {
    }

    /** Photographs the page as it is now at both widths, and returns to desktop width. */
    static void shoot(ChromeDriver driver, String state) {
        shoot(driver, state, null);
    }

    /** {@link #shoot(ChromeDriver, String)} with the element of this id scrolled to the middle of the screen. */
    static void shoot(ChromeDriver driver, String state, String inView) {
        for (Viewport viewport : VIEWPORTS) {
            use(driver, viewport);
            if (inView != null) {
                driver.executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", inView);
            }
            Path file = DIRECTORY.resolve(state + "-" + viewport.width() + ".png");
            write(file, driver.getScreenshotAs(OutputType.BYTES));
            SHOTS.add(file.getFileName().toString());
        }
        desktop(driver);
        writeIndex();
    }

    static void phone(ChromeDriver driver) {
        use(driver, VIEWPORTS.get(1));
    }

    static void desktop(ChromeDriver driver) {
        use(driver, VIEWPORTS.getFirst());
    }

    private static void use(ChromeDriver driver, Viewport viewport) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width(),
                "height", viewport.height(), "deviceScaleFactor", 1, "mobile", viewport.mobile()));
        // Let the layout settle at the new width before anyone looks.
        driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)));");
    }

    private static synchronized void writeIndex() {
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Callcoach page states</title>"
                + "<style>body{font-family:sans-serif} figure{display:inline-block;vertical-align:top;margin:8px}"
                + "img{border:1px solid #ccc;max-width:640px}</style><h1>Callcoach page states</h1>");
        for (String shot : SHOTS) {
            html.append("<figure><img src=\"").append(shot).append("\" alt=\"").append(shot)
                    .append("\"><figcaption>").append(shot).append("</figcaption></figure>");
        }
        write(DIRECTORY.resolve("index.html"), html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
