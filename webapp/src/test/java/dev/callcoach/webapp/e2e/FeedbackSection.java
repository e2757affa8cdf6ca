package dev.callcoach.webapp.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

/** The feedback after a call, on the practice page or behind its kept link: what a person reads and does there. */
final class FeedbackSection {

    /** One criterion as shown: its id, name, score and the quote without its quotation marks. */
    record Criterion(String id, String name, String score, String quote) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final WebDriver driver;
    private final WebDriverWait wait;

    FeedbackSection(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, PATIENCE);
    }

    /** Waits for the status line to start with this and returns it whole. */
    String awaitStatus(String start) {
        wait.until(d -> d.findElement(By.id("report-status")).getText().startsWith(start));
        return driver.findElement(By.id("report-status")).getText();
    }

    /** Waits for the report itself and returns its criteria in the order shown. */
    List<Criterion> awaitCriteria() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-criteria")));
        return driver.findElements(By.cssSelector("#report-criteria .cc-criterion")).stream()
                .map(row -> new Criterion(row.getDomAttribute("data-criterion"),
                        row.findElement(By.className("cc-criterion-name")).getText(),
                        row.findElement(By.className("cc-criterion-score")).getText(),
                        unquote(row.findElement(By.className("cc-criterion-quote")).getText())))
                .toList();
    }

    /** The transcript kept with the report, "AI: …" / "You: …", whether or not its disclosure is open. */
    List<String> transcript() {
        return driver.findElements(By.cssSelector("#report-transcript .cc-report-line")).stream()
                .map(line -> line.getDomProperty("textContent").trim()).toList();
    }

    /** The kept link, as the page shows it. */
    String link() {
        return wait.until(d -> {
            WebElement link = d.findElement(By.id("report-link"));
            String href = link.getDomProperty("href");
            return link.isDisplayed() && href != null && href.contains("#") ? href : null;
        });
    }

    String keepText() {
        return driver.findElement(By.id("report-keep")).getText();
    }

    /** What "Download transcript and report" gives, fetched by the page itself. */
    String download() {
        String href = driver.findElement(By.id("report-download")).getDomProperty("href");
        return (String) ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
    }

    /** Clicks "Copy transcript" and returns what the page then says. */
    String copyTranscript() {
        driver.findElement(By.id("report-copy")).click();
        return wait.until(d -> d.findElements(By.tagName("vaadin-notification-card")).stream()
                .map(card -> card.getDomProperty("textContent").trim()).filter(text -> !text.isEmpty())
                .findFirst().orElse(null));
    }

    /** What the clipboard holds. */
    String clipboard() {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
    }

    void retry() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("report-retry"))).click();
    }

    void delete() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("report-delete"))).click();
    }

    boolean shown(String id) {
        return driver.findElements(By.id(id)).stream().anyMatch(WebElement::isDisplayed);
    }

    private static String unquote(String quote) {
        return quote.startsWith("“") && quote.endsWith("”") ? quote.substring(1, quote.length() - 1) : quote;
    }
}
