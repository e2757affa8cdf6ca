package dev.callcoach.webapp.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    /** Waits until the catalog has arrived and picks the scenario of this name. */
    PracticePage chooseScenario(String name) {
        wait.until(d -> d.findElement(By.id("scenario")).getDomAttribute("disabled") == null);
        selectOption("scenario", name);
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

    /** Chooses practice in the browser over a phone call. */
    PracticePage practiceInBrowser() {
        WebElement option = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[@id='practice-mode']//vaadin-radio-button[normalize-space(.)='Practice in your browser']")));
        // Out from under the sticky call bar.
        script("arguments[0].scrollIntoView({block: 'center'})", option);
        option.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start-button")));
        return this;
    }

    /** Clicks Start once the page allows it: the browser asks for the microphone in that click. */
    PracticePage start() {
        wait.until(d -> startButtonEnabled());
        driver.findElement(By.id("start-button")).click();
        return this;
    }

    boolean startButtonEnabled() {
        return driver.findElement(By.id("start-button")).getDomAttribute("disabled") == null;
    }

    /** The microphone's line in step 2, once it says {@code expectedStart}. */
    String microphoneStateStartingWith(String expectedStart) {
        return textStartingWith(By.id("microphone-state"), expectedStart);
    }

    /** Samples of the AI's audio the page's player has played (the browser script's test hook). */
    long samplesPlayed() {
        return ((Number) script("return window.callcoachBrowserPractice.samplesPlayed();")).longValue();
    }

    /** Waits until the player has played more than this many samples; returns how many it has. */
    long awaitSamplesPlayedOver(long samples) {
        wait.until(d -> samplesPlayed() > samples);
        return samplesPlayed();
    }

    /** The browser script's figures of the call (frames sent, clears, socket state...). */
    @SuppressWarnings("unchecked")
    Map<String, Object> audioStats() {
        return (Map<String, Object>) script("return window.callcoachBrowserPractice.stats();");
    }

    /** Waits until the microphone's level meter shows something; returns the level seen (1 to 100). */
    int awaitMicrophoneLevel() {
        return wait.until(d -> {
            int level = Integer.parseInt(d.findElement(By.id("mic-level")).getDomAttribute("aria-valuenow"));
            // The caller speaks only now and then: the level seen, not the level a moment later.
            return level > 0 ? level : null;
        });
    }

    void endCall() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("end-call"))).click();
    }

    private Object script(String js, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(js, arguments);
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

    /** The problem under the phone number once it says {@code expectedStart}: a new number's check takes a round trip. */
    String phoneErrorStartingWith(String expectedStart) {
        return textStartingWith(By.cssSelector("#phone-number [slot='error-message']"), expectedStart);
    }

    /** Why the Call button is off, once it says {@code expectedStart}. */
    String blockedReasonStartingWith(String expectedStart) {
        By reason = By.id("call-blocked-reason");
        wait.until(d -> d.findElement(reason).getText().startsWith(expectedStart));
        return driver.findElement(reason).getText();
    }

    /** Waits until the Call button is on; false when it stays off. */
    boolean awaitCallButtonEnabled() {
        try {
            wait.withTimeout(Duration.ofSeconds(10)).until(d -> callButtonEnabled());
            return true;
        } catch (TimeoutException e) {
            return false;
        } finally {
            wait.withTimeout(PATIENCE);
        }
    }

    boolean callButtonEnabled() {
        return driver.findElement(By.id("call-button")).getDomAttribute("disabled") == null;
    }

    /** The message of a refused placement, once one shows. */
    String refusal() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("call-refusal")));
        return driver.findElement(By.id("call-refusal")).getText();
    }

    /** The number's line in the limits panel, once it says {@code expectedStart}. */
    String allowanceStartingWith(String expectedStart) {
        return textStartingWith(By.id("number-allowance"), expectedStart);
    }

    /** The network's line in the limits panel, once it says {@code expectedStart}. */
    String networkAllowanceStartingWith(String expectedStart) {
        return textStartingWith(By.id("network-allowance"), expectedStart);
    }

    /** The live call's headline, once it says {@code expectedStart}. */
    String headlineStartingWith(String expectedStart) {
        return textStartingWith(By.id("call-headline"), expectedStart);
    }

    /** The page-wide outage banner, once it shows. */
    String outage() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("service-outage")));
        return driver.findElement(By.id("service-outage")).getText();
    }

    /** How the call ended, as the page's ending code (e.g. "cancelled"), once it has. */
    String awaitEnding() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("practice-again")));
        return driver.findElement(By.id("call-timeline")).getDomAttribute("data-ending");
    }

    /** Waits for a transcript bubble starting with this text ("AI: …"). */
    PracticePage awaitTranscriptLine(String start) {
        wait.until(d -> transcript().stream().anyMatch(line -> line.startsWith(start)));
        return this;
    }

    /** What the transcript says while it has no lines. */
    String transcriptPlaceholder() {
        return driver.findElement(By.className("cc-transcript-empty")).getText();
    }

    /** The call timer as shown. */
    String timer() {
        return driver.findElement(By.id("call-timer")).getText();
    }

    /** Classes of each timeline step, in order. */
    List<String> timelineStates() {
        return driver.findElements(By.cssSelector("#call-timeline li")).stream()
                .map(li -> li.getDomAttribute("class")).toList();
    }

    /**
     * Fills the first scenario's required fields, the number (in international form, so the country follows)
     * and the consent with the keyboard alone, Tab by Tab, as someone without a mouse would.
     */
    PracticePage readyToCallWithKeyboardOnly(String roleKey, String selectKey, String internationalNumber) {
        wait.until(d -> d.findElement(By.id("scenario")).getDomAttribute("disabled") == null);
        tabTo("field-" + roleKey);
        keys("Barista");
        tabTo("field-" + selectKey);
        keys(Keys.ARROW_DOWN);
        wait.until(d -> d.findElement(By.id("field-" + selectKey)).getDomAttribute("opened") != null);
        keys(Keys.ENTER);
        wait.until(d -> d.findElement(By.id("field-" + selectKey)).getDomAttribute("opened") == null);
        tabTo("phone-number");
        keys(internationalNumber);
        tabTo("consent");
        keys(Keys.SPACE);
        wait.until(d -> d.findElement(By.id("call-button")).getDomAttribute("disabled") == null);
        tabTo("call-button");
        return this;
    }

    /** Presses Enter on whatever has the focus. */
    PracticePage pressEnter() {
        keys(Keys.ENTER);
        return this;
    }

    /** The id of the component that has the keyboard focus. */
    String focused() {
        return (String) ((JavascriptExecutor) driver).executeScript("""
                let e = document.activeElement;
                while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
                // Vaadin gives the inputs inside its fields generated ids ("input-vaadin-text-field-3"); ours have none.
                while (e && (!e.id || e.id.includes('vaadin-'))) e = e.parentElement;
                return e ? e.id : null;""");
    }

    private void tabTo(String id) {
        for (int i = 0; i < 80 && !id.equals(focused()); i++) {
            keys(Keys.TAB);
        }
        if (!id.equals(focused())) {
            throw new AssertionError("Tab never reached #" + id + "; focus is on #" + focused());
        }
    }

    private void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Presses End call from the keyboard: focus is on it once the call shows. */
    PracticePage endCallWithKeyboard() {
        wait.until(d -> "end-call".equals(d.switchTo().activeElement().getDomAttribute("id")));
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        return this;
    }

    /** Sets a scenario text area's value as a paste would, in one go. */
    PracticePage paste(String fieldKey, String value) {
        WebElement area = driver.findElement(By.cssSelector("#field-" + fieldKey + " textarea"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true, composed: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", area, value);
        return this;
    }

    /** The helper text under a scenario field, once it says {@code expectedStart}. */
    String fieldHelperStartingWith(String fieldKey, String expectedStart) {
        return textStartingWith(By.cssSelector("#field-" + fieldKey + " [slot='helper']"), expectedStart);
    }

    /** Clears a scenario text field and leaves it. */
    PracticePage clear(String fieldKey) {
        type(By.cssSelector("#field-" + fieldKey + " input, #field-" + fieldKey + " textarea"), "x");
        WebElement field = driver.findElement(By.cssSelector("#field-" + fieldKey + " input, #field-" + fieldKey + " textarea"));
        field.sendKeys(Keys.BACK_SPACE, Keys.TAB);
        return this;
    }

    /** Whether the element's box is inside the visible part of the window. */
    boolean inViewport(String id) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                        + "return r.top >= 0 && r.bottom <= window.innerHeight;", id));
    }

    /** The computed font size in px of the first element matching the selector. */
    double fontSize(String css) {
        Object size = ((JavascriptExecutor) driver).executeScript(
                "return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize);", css);
        return ((Number) size).doubleValue();
    }

    /** The distinct tops of the timeline's steps: one value means one row. */
    long timelineRows() {
        return driver.findElements(By.cssSelector("#call-timeline li")).stream()
                .map(li -> li.getRect().getY()).distinct().count();
    }

    /**
     * Visible text whose contrast with what is behind it is below WCAG AA (4.5:1, or 3:1 for large text),
     * each as "element: ratio". Disabled controls are exempt, as WCAG has it.
     */
    @SuppressWarnings("unchecked")
    List<String> lowContrastTexts() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(CONTRAST_SCRIPT);
    }

    private static final String CONTRAST_SCRIPT = """
            const rgba = c => { const m = c.match(/[0-9.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
            const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
            const blend = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
            const background = el => { const layers = [];
              for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
                const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
              let result = [255, 255, 255]; for (let i = layers.length - 1; i >= 0; i--) result = blend(layers[i], result); return result; };
            const failures = [];
            const texts = document.querySelectorAll('#main p, #main li, #main span, #main h1, #main h2, #main h3, #main label, #main [slot=helper], #main [slot=error-message]');
            for (const el of texts) {
              if (!el.offsetParent || !el.textContent.trim() || el.closest('[disabled]')) continue;
              if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
              const style = getComputedStyle(el); const fg = rgba(style.color); const bg = background(el);
              const color = blend(fg, bg); const a = lum(color), b = lum(bg);
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
              if (ratio < (large ? 3 : 4.5)) failures.push((el.id || el.tagName + '.' + el.className) + ' "' + el.textContent.trim().slice(0, 40) + '": ' + ratio.toFixed(2));
            }
            return failures;""";

    private String textStartingWith(By locator, String expectedStart) {
        wait.until(d -> d.findElement(locator).getText().startsWith(expectedStart));
        return driver.findElement(locator).getText();
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

    /**
     * Opens the select's list (its items live in the select itself); a click that lands too early, or on something
     * still moving over it (at phone width the sticky call bar, while the page settles), is repeated.
     */
    private void open(String selectId) {
        new WebDriverWait(driver, PATIENCE).ignoring(ElementClickInterceptedException.class).until(d -> {
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
