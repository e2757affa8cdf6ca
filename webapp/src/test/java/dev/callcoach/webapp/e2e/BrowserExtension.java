package dev.callcoach.webapp.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A fresh headless Chromium per test, from the system's packages (never downloaded: both the browser and the
 * driver are given explicitly, so Selenium Manager has nothing to look up). On failure a screenshot goes to
 * {@code target/e2e-screenshots/}. Where Chromium is missing the test is skipped with a message saying so,
 * unless {@value #REQUIRE_BROWSER} is true (CI), where it fails instead.
 */
final class BrowserExtension implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    static final String REQUIRE_BROWSER = "CALLCOACH_REQUIRE_BROWSER";
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

    private final List<String> extraArguments;
    private ChromeDriver driver;

    BrowserExtension() {
        this(List.of());
    }

    /** @param extraArguments Chromium flags of the test class's own, e.g. a fake microphone */
    BrowserExtension(List<String> extraArguments) {
        this.extraArguments = List.copyOf(extraArguments);
    }

    /** The browser of the running test. */
    ChromeDriver driver() {
        return driver;
    }

    /** Phone width (375 px) instead of desktop. */
    void usePhoneWidth() {
        driver.manage().window().setSize(new Dimension(375, 812));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        requireOrSkip(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver not found (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); on Debian: apt-get install chromium chromium-driver");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,1000", "--lang=en-US")
                .addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws IOException {
        if (driver != null && context.getExecutionException().isPresent()) {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("[e2e] screenshot of the failure: " + target.toAbsolutePath());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    /** Skips (or in CI fails) when something the browser tests need is missing. */
    static void requireOrSkip(boolean present, String what) {
        if (present) {
            return;
        }
        if (Boolean.parseBoolean(System.getenv(REQUIRE_BROWSER))) {
            throw new AssertionError(what + " (" + REQUIRE_BROWSER + "=true, so this fails instead of skipping)");
        }
        Assumptions.abort("Skipping browser test: " + what);
    }
}
