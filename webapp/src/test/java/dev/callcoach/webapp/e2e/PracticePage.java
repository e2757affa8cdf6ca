package dev.callcoach.webapp.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The practice page as a person uses it, through the browser: what they do and what they read. */
final class PracticePage {

    /** Generous: the machine is shared and a simulated call takes real seconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final WebDriver driver;
    private final WebDriverWait wait;

    private PracticePage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, PATIENCE);
    }

    static PracticePage open(WebDriver driver, URI url) {
        driver.get(url.toString());
        PracticePage page = new PracticePage(driver);
        page.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("call-button")));
        return page;
    }

    /** Waits until the catalog has arrived and picks its first scenario. */
    PracticePage chooseScenario() {
        wait.until(d -> d.findElement(By.id("scenario")).getDomAttribute("disabled") == null);
        selectFirstOption("scenario");
        return this;
    }

    /** Types into a scenario field (text, number or text area) by its key. */
    PracticePage fill(String fieldKey, String value) {
        type(By.cssSelector("#field-" + fieldKey + " input, #field-" + fieldKey + " textarea"), value);
        return this;
    }

    /** Fills every required field the scenario shows with something valid. */
    PracticePage fillRequiredFields() {
        List<WebElement> required = driver.findElements(By.cssSelector("[id^='field-'][required]"));
        for (WebElement field : required) {
            String key = field.getDomAttribute("id").substring("field-".length());
            switch (field.getTagName()) {
                case "vaadin-select" -> selectFirstOption(field.getDomAttribute("id"));
                case "vaadin-checkbox" -> {
                }
                default -> fill(key, "Practice value");
            }
        }
        return this;
    }

    PracticePage country(String label) {
        selectOption("phone-country", label);
        return this;
    }

    PracticePage number(String number) {
        type(By.cssSelector("#phone-number input"), number);
        return this;
    }

    PracticePage consent() {
        WebElement consent = driver.findElement(By.id("consent"));
        if (consent.getDomAttribute("checked") == null) {
            driver.findElement(By.cssSelector("#consent input")).click();
        }
        return this;
    }

    /** Clicks Call once the page allows it. */
    PracticePage call() {
        wait.until(d -> d.findElement(By.id("call-button")).getDomAttribute("disabled") == null);
        driver.findElement(By.id("call-button")).click();
        return this;
    }

    /** Waits for the placed call to show up live. */
    PracticePage awaitLiveCall() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live-call")));
        return this;
    }

    /** Waits for the live view to show this status (protocol spelling, e.g. "completed"); returns the page. */
    PracticePage awaitStatus(String status) {
        wait.until(d -> status.equals(d.findElement(By.id("call-timeline")).getDomAttribute("data-status")));
        return this;
    }

    /** Waits for the call to end however it ends, and returns how (protocol spelling). */
    String awaitEnd() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("practice-again")));
        return driver.findElement(By.id("call-timeline")).getDomAttribute("data-status");
    }

    void practiceAgain() {
        driver.findElement(By.id("practice-again")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("call-button")));
    }

    List<String> timelineSteps() {
        return driver.findElements(By.cssSelector("#call-timeline li")).stream().map(WebElement::getText).toList();
    }

    /** The transcript's bubbles as "AI: …" / "You: …". */
    List<String> transcript() {
        return driver.findElements(By.cssSelector(".cc-bubble")).stream()
                .map(bubble -> bubble.findElement(By.className("cc-bubble-speaker")).getText() + ": "
                        + bubble.findElement(By.className("cc-bubble-text")).getText())
                .toList();
    }

    boolean simulatedBadgeShown() {
        return driver.findElement(By.id("simulated-badge")).isDisplayed();
    }

    /** The problem shown under the phone number, once it appears. */
    String phoneError() {
        By error = By.cssSelector("#phone-number [slot='error-message']");
        wait.until(d -> !d.findElement(error).getText().isBlank());
        return driver.findElement(error).getText();
    }

    /** Why the Call button is off, once it says {@code expectedStart}. */
    String blockedReasonStartingWith(String expectedStart) {
        By reason = By.id("call-blocked-reason");
        wait.until(d -> d.findElement(reason).getText().startsWith(expectedStart));
        return driver.findElement(reason).getText();
    }

    boolean callButtonEnabled() {
        return driver.findElement(By.id("call-button")).getDomAttribute("disabled") == null;
    }

    /** The message of a refused placement, once one shows. */
    String refusal() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("call-refusal")));
        return driver.findElement(By.id("call-refusal")).getText();
    }

    /** The calls-left line under the number, once it says {@code expectedStart}. */
    String allowanceStartingWith(String expectedStart) {
        By allowance = By.id("phone-allowance");
        wait.until(d -> d.findElement(allowance).getText().startsWith(expectedStart));
        return driver.findElement(allowance).getText();
    }

    /** Whether the page scrolls sideways, which it must not at phone width. */
    boolean overflowsHorizontally() {
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(overflow);
    }

    private void type(By input, String value) {
        WebElement field = wait.until(ExpectedConditions.elementToBeClickable(input));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(value);
        // Leaving the field sends the value at once instead of after the typing pause.
        field.sendKeys(Keys.TAB);
    }

    /** Opens a vaadin-select and clicks the option with this label. */
    private void selectOption(String selectId, String label) {
        open(selectId);
        By option = By.xpath("//*[@id=" + xpathLiteral(selectId) + "]//vaadin-select-list-box/vaadin-select-item"
                + "[normalize-space(.)=" + xpathLiteral(label) + "]");
        pick(selectId, option);
    }

    private void selectFirstOption(String selectId) {
        open(selectId);
        pick(selectId, By.cssSelector("#" + selectId + " vaadin-select-list-box vaadin-select-item:not([value=''])"));
    }

    /** Opens the select's list (its items live in the select itself); a click that lands too early is repeated. */
    private void open(String selectId) {
        wait.until(d -> {
            WebElement select = d.findElement(By.id(selectId));
            if (select.getDomAttribute("opened") == null) {
                ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", select);
                select.click();
            }
            return select.getDomAttribute("opened") != null;
        });
    }

    private void pick(String selectId, By option) {
        wait.until(ExpectedConditions.elementToBeClickable(option)).click();
        wait.until(d -> d.findElement(By.id(selectId)).getDomAttribute("opened") == null);
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}
