package io.bulwark.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console ({@code /console}) in a real headless browser: Debian's {@code chromium} driven through its
 * {@code chromedriver} (packages {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them).
 * Without them the test is skipped outside CI and fails in CI. Paths can be set with {@code BULWARK_CHROMIUM} and
 * {@code BULWARK_CHROMEDRIVER}. Screenshots go to {@code target/console-screenshots/}, or to the folder the system
 * property {@code console.screenshots} names (docs/console/ is made that way).
 */
public final class ConsoleBrowser implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String base;
    private final Path screenshots;

    private ConsoleBrowser(ChromeDriver driver, int port) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
        this.base = "http://localhost:" + port;
        this.screenshots = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    }

    /** A fresh headless browser (its own profile, so its own session storage) on the console at {@code port}. */
    public static ConsoleBrowser open(int port) {
        Path chromium = executable("BULWARK_CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = executable("BULWARK_CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1000",
                "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ConsoleBrowser browser = new ConsoleBrowser(new ChromeDriver(service, options), port);
        browser.driver.get(browser.base + "/console");
        return browser;
    }

    private static Path executable(String variable, String fallback) {
        Path path = Path.of(Optional.ofNullable(System.getenv(variable)).orElse(fallback));
        if (!Files.isExecutable(path)) {
            String why = path + " is missing: apt-get install -y chromium chromium-driver (or set " + variable + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        return path;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void signIn(String adminKey) {
        type(By.id("admin-key"), adminKey);
        driver.findElement(By.id("sign-in-button")).click();
        awaitView("overview");
    }

    /** Opens a view by its tab and waits until it is rendered. */
    public void view(String name) {
        driver.findElement(By.cssSelector("#tabs [data-view='" + name + "']")).click();
        awaitView(name);
    }

    public void refresh() {
        String view = driver.findElement(By.id("view")).getAttribute("data-loaded");
        driver.findElement(By.id("refresh")).click();
        awaitView(view);
    }

    private void awaitView(String name) {
        wait.until(d -> {
            WebElement view = d.findElement(By.id("view"));
            return name.equals(view.getAttribute("data-loaded")) && view.getAttribute("aria-busy") == null;
        });
    }

    public WebElement find(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The element's text; read again when the header's periodic refresh replaced the element meanwhile. */
    public String text(String css) {
        return wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** The element's text once it has some (a message the page writes after a call). */
    public String awaitText(String css) {
        return wait.ignoring(StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(By.cssSelector(css)).getText();
            return text.isEmpty() ? null : text;
        });
    }

    public void click(String css) {
        wait.ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)))
                .click();
    }

    public void type(String css, String text) {
        type(By.cssSelector(css), text);
    }

    private void type(By by, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Clicks {@code css}, checks that the confirmation names what will happen, fills its fields ({@code name,
     * value} pairs, e.g. "reason", "...") and confirms; returns the notice the act left.
     */
    public String confirm(String css, String expectedWhat, String... fields) {
        String before = driver.findElement(By.id("notice")).getText();
        click(css);
        WebElement what = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-what")));
        assertThat(what.getText()).contains(expectedWhat);
        for (int i = 0; i < fields.length; i += 2) {
            type("#confirm-fields [data-field='" + fields[i] + "']", fields[i + 1]);
        }
        driver.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        wait.until(d -> {
            String now = d.findElement(By.id("notice")).getText();
            return !now.isEmpty() && !now.equals(before);
        });
        WebElement notice = driver.findElement(By.id("notice"));
        assertThat(notice.getAttribute("class"))
                .as("notice %s", notice.getText())
                .doesNotContain("error");
        return notice.getText();
    }

    /** Clicks {@code css}, screenshots the confirmation it opens as {@code name}, and cancels it. */
    public void screenshotConfirmation(String css, String name) {
        click(css);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-what")));
        screenshot(name);
        driver.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
    }

    /** Fails when a script of the page opened an alert (an injected handler would). */
    public void assertNoAlert() {
        try {
            String alert = driver.switchTo().alert().getText();
            throw new AssertionError("the page opened an alert: " + alert);
        } catch (NoAlertPresentException expected) {
            // the page ran no injected script
        }
    }

    public Path screenshot(String name) {
        return screenshot(screenshots, name);
    }

    /** What the page showed last, for a failing test: always under target/, never with the docs' screenshots. */
    public Path lastSeen() {
        return screenshot(Path.of("target/console-screenshots"), "last-seen");
    }

    private Path screenshot(Path folder, String name) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name + ".png");
            Files.write(file, wholePage());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page, also below the window's fold (Chromium's own screenshot command). */
    @SuppressWarnings("unchecked")
    private byte[] wholePage() {
        Map<String, Object> size = (Map<String, Object>) driver.executeScript(
                "const e = document.documentElement; return {width: e.scrollWidth, height: e.scrollHeight};");
        Map<String, Object> clip =
                Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    public Object script(String js) {
        return driver.executeScript(js);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
