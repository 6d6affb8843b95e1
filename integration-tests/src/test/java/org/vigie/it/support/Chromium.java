package org.vigie.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser: Debian's headless Chromium driven by chromedriver through Selenium WebDriver.
 *
 * <p>Paths are explicit (never Selenium Manager, which would try to download a driver): by default
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or {@code -Dvigie.it.chromium=…}
 * and {@code -Dvigie.it.chromedriver=…}. When they are missing the tests fail with a clear
 * message; they are never skipped.
 *
 * <p>Every page a test looks at goes through {@link #page(String)}: a full-page screenshot under
 * {@code target/screenshots/<test>/}, an axe-core run (report under {@code target/axe/<test>/}),
 * and the checks every Vigie page must pass (no inline script, no CSP violation in the console).
 */
public final class Chromium implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getProperty("vigie.it.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("vigie.it.chromedriver", "/usr/bin/chromedriver"));

    /** Kept referenced: Selenium warns on every start that it has no DevTools module for this Chromium; none is used. */
    private static final Logger CDP_VERSION_LOGGER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 900;

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Path screenshots;
    private final Path axeReports;
    private final List<String> consoleProblems = new ArrayList<>();
    private final boolean javascript;
    private int pages;

    private Chromium(ChromeDriver driver, ChromeDriverService service, Path profile, String testName, boolean javascript) {
        this.driver = driver;
        this.javascript = javascript;
        this.service = service;
        this.profile = profile;
        this.screenshots = Path.of(System.getProperty("vigie.it.screenshots", "target/screenshots")).resolve(testName);
        this.axeReports = Path.of(System.getProperty("vigie.it.axe-reports", "target/axe")).resolve(testName);
        try {
            deleteTree(screenshots);
            deleteTree(axeReports);
            Files.createDirectories(screenshots);
            Files.createDirectories(axeReports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options of one browser. */
    public record Options(String acceptLanguage, boolean javascript) {
        /** A French practitioner's browser, JavaScript on. */
        public static Options french() {
            return new Options("fr-FR,fr", true);
        }

        public Options withoutJavaScript() {
            return new Options(acceptLanguage, false);
        }
    }

    public static Chromium start(String testName, Options options) {
        requireInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("vigie-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(BINARY.toFile());
        chrome.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--no-default-browser-check", "--disable-extensions", "--disable-default-apps",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                "--password-store=basic", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--lang=" + options.acceptLanguage().split(",")[0],
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", options.acceptLanguage());
        if (!options.javascript()) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        chrome.setExperimentalOption("prefs", prefs);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        chrome.setCapability("goog:loggingPrefs", logging);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, chrome);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw new IllegalStateException("Chromium did not start (" + BINARY + " driven by " + DRIVER + "): " + e.getMessage(), e);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, service, profile, testName, options.javascript());
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Fails (never skips) with what to do when Chromium or its driver is not installed. */
    /**
     * For a test's {@code @RegisterExtension}: on failure, a last screenshot of where the browser
     * was (target/screenshots/<test>/NN-FAILED.png); a screenshot that fails itself is added to the
     * test's failure, never hides it.
     */
    public static org.junit.jupiter.api.extension.AfterTestExecutionCallback screenshotOnFailure(
            java.util.function.Supplier<Chromium> browser) {
        return context -> {
            Chromium open = browser.get();
            if (context.getExecutionException().isPresent() && open != null) {
                try {
                    open.screenshot("FAILED");
                } catch (RuntimeException e) {
                    context.getExecutionException().get().addSuppressed(e);
                }
            }
        };
    }

    public static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(BINARY)) {
            missing.add("Chromium (" + BINARY + ")");
        }
        if (!Files.isExecutable(DRIVER)) {
            missing.add("chromedriver (" + DRIVER + ")");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The browser tests need " + String.join(" and ", missing)
                    + ". Install Debian's packages: apt-get install -y chromium chromium-driver"
                    + " (.ci/run does it), or point -Dvigie.it.chromium=… and -Dvigie.it.chromedriver=… at them.");
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        // What the pages left behind said in the console is not about the page opened now (a page
        // passed through on the way, e.g. a waiting page that moved on by itself, is never checked).
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean has(String css) {
        return !findAll(css).isEmpty();
    }

    public String text(String css) {
        return find(css).getText().trim();
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until the condition holds (the page moves on by itself, at most {@code seconds}). */
    public <T> T waitFor(int seconds, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50))
                .withMessage(() -> what + " (page: " + driver.getCurrentUrl() + ")")
                .until(condition);
    }

    public void waitForElement(int seconds, String css) {
        waitFor(seconds, "element " + css, d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    /** Keyboard only: keys typed into whatever has the focus. */
    public void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    public void tab() {
        keys(Keys.TAB);
    }

    /** The element that has the keyboard focus. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Presses Tab until the element matching {@code css} has the focus; returns the elements met on the way. */
    public List<String> tabTo(String css, int maxPresses) {
        return tabTo(css, maxPresses, false);
    }

    /** Presses Shift+Tab until the element matching {@code css} has the focus. */
    public List<String> tabBackTo(String css, int maxPresses) {
        return tabTo(css, maxPresses, true);
    }

    private List<String> tabTo(String css, int maxPresses, boolean backwards) {
        List<String> visited = new ArrayList<>();
        WebElement target = find(css);
        for (int i = 0; i < maxPresses; i++) {
            if (backwards) {
                new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            } else {
                tab();
            }
            WebElement now = focused();
            visited.add(describe(now));
            assertFocusVisible(now);
            if (now.equals(target)) {
                return visited;
            }
        }
        throw new AssertionError(css + " not reached with " + maxPresses + " Tab presses; focus went through " + visited);
    }

    private static String describe(WebElement element) {
        String id = element.getAttribute("id");
        return element.getTagName() + (id == null || id.isEmpty() ? "" : "#" + id);
    }

    /** WCAG 2.4.7: the focused control shows a visible focus indicator (outline or box shadow). */
    public void assertFocusVisible(WebElement element) {
        String outline = element.getCssValue("outline-style");
        String outlineWidth = element.getCssValue("outline-width");
        String shadow = element.getCssValue("box-shadow");
        boolean outlined = !"none".equals(outline) && !outlineWidth.startsWith("0");
        boolean shadowed = shadow != null && !"none".equals(shadow);
        if (!outlined && !shadowed) {
            throw new AssertionError("no visible focus indicator on " + describe(element) + " (outline " + outline + " "
                    + outlineWidth + ", box-shadow " + shadow + ")");
        }
    }

    /**
     * A page of Vigie the test looks at: screenshot, axe-core (no serious or critical violation of
     * WCAG 2.1 A/AA), no inline script or handler, nothing refused by the Content-Security-Policy.
     * With JavaScript off, axe (a script itself) cannot run in the page: the same pages are
     * checked by the tests that have it on.
     */
    public void page(String name) {
        screenshot(name);
        assertNoInlineScript(name);
        if (javascript) {
            Axe.Result axe = Axe.run(driver, axeReports.resolve(String.format(Locale.ROOT, "%02d-%s.json", pages, name)));
            assertConsoleClean(name);
            axe.assertNoSeriousViolation(name);
            assertInlineScriptRefused(name);
        } else {
            assertConsoleClean(name);
        }
    }

    /**
     * A screenshot of the whole page (not only the viewport), as target/screenshots/&lt;test&gt;/NN-name.png.
     * The window is made as tall as the page for the shot, so that what sticks to the window's
     * bottom (the waiting page's buttons) is drawn where it is when nothing needs scrolling.
     */
    public Path screenshot(String name) {
        waitForFonts();
        Dimension before = driver.manage().window().getSize();
        long content = ((Number) js("return Math.ceil(document.documentElement.scrollHeight);")).longValue();
        long inner = ((Number) js("return window.innerHeight;")).longValue();
        if (content > inner) {
            driver.manage().window().setSize(new Dimension(before.getWidth(), (int) (before.getHeight() + content - inner)));
        }
        try {
            return windowScreenshot(name);
        } finally {
            if (content > inner) {
                driver.manage().window().setSize(before);
            }
        }
    }

    /** Web fonts (PatternFly's Red Hat fonts, served by Keycloak) loaded, so screenshots show the real faces. */
    private void waitForFonts() {
        long deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline && !"loaded".equals(js("return document.fonts.status;"))) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What the window shows, without scrolling: target/screenshots/&lt;test&gt;/NN-name.png. */
    public Path windowScreenshot(String name) {
        waitForFonts();
        pages++;
        Path file = screenshots.resolve(String.format(Locale.ROOT, "%02d-%s.png", pages, name));
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Keycloak itself (not the theme) adds this inline script to pages that answer a POST
     * (org.keycloak.services.util.BrowserHistoryHelper): it replaces the address bar's URL so that
     * reloading does not post again. A strict CSP refuses it; the page works the same, only the
     * address bar keeps the POST URL. It is the one inline script allowed here, recognised by its
     * exact text, and its CSP refusal (matched by hash) is the one console error tolerated.
     */
    private static final Pattern KEYCLOAK_HISTORY_SCRIPT = Pattern.compile(
            "\\s*if \\(typeof history\\.replaceState === 'function'\\) \\{\\s*history\\.replaceState\\(\\{\\}, \"some title\", \"[^\"<>]*\"\\);\\s*\\}\\s*");

    private final Set<String> keycloakScriptHashes = new HashSet<>();

    /** What a strict CSP (script-src 'self') would refuse: inline scripts, on* handlers, javascript: URLs. */
    public void assertNoInlineScript(String name) {
        @SuppressWarnings("unchecked")
        List<Map<String, String>> found = (List<Map<String, String>>) js(
                "const out = [];"
                        + "for (const s of document.querySelectorAll('script')) {"
                        + "  if (!s.src && s.type !== 'application/json') out.push({what: 'inline <script type=' + (s.type || '') + '>', text: s.textContent}); }"
                        + "for (const e of document.querySelectorAll('*')) {"
                        + "  for (const a of e.attributes) {"
                        + "    if (a.name.startsWith('on')) out.push({what: e.tagName + '[' + a.name + ']', text: a.value});"
                        + "    if (/^\\s*javascript:/i.test(a.value)) out.push({what: e.tagName + '[' + a.name + '=javascript:]', text: a.value}); } }"
                        + "return out;");
        List<String> refused = new ArrayList<>();
        for (Map<String, String> item : found) {
            String text = item.get("text");
            if (item.get("what").startsWith("inline <script") && KEYCLOAK_HISTORY_SCRIPT.matcher(text).matches()) {
                keycloakScriptHashes.add(sha256(text));
            } else {
                refused.add(item.get("what") + " " + text.substring(0, Math.min(120, text.length())).strip());
            }
        }
        if (!refused.isEmpty()) {
            throw new AssertionError("page " + name + " has script a strict Content-Security-Policy refuses: " + refused);
        }
    }

    private static final String CSP_PROBE = "window.vigieInlineProbeRan = true;";

    /** Whether a console message is the refusal of {@link #assertInlineScriptRefused}'s own probe (expected, not a problem). */
    public static boolean isProbeRefusal(String message) {
        return message.contains("Content Security Policy") && message.contains("'sha256-" + sha256(CSP_PROBE) + "'");
    }

    /**
     * The policy in force on this page (the realm's header, whatever it is) refuses inline script:
     * an inline script added to the page does not run and the browser reports the violation.
     * The probe's own refusal is then the one console message expected.
     */
    public void assertInlineScriptRefused(String name) {
        keycloakScriptHashes.add(sha256(CSP_PROBE));
        Object outcome = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "document.addEventListener('securitypolicyviolation',"
                        + "  e => done({ran: window.vigieInlineProbeRan === true, violated: e.violatedDirective}), {once: true});"
                        + "const s = document.createElement('script'); s.textContent = arguments[0]; document.head.appendChild(s);"
                        + "if (window.vigieInlineProbeRan === true) done({ran: true, violated: null});", CSP_PROBE);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) outcome;
        if (Boolean.TRUE.equals(result.get("ran")) || result.get("violated") == null
                || !String.valueOf(result.get("violated")).startsWith("script-src")) {
            throw new AssertionError("page " + name + " runs inline script: no script-src policy in force (" + result + ")");
        }
    }

    /** Console errors of the page so far: CSP refusals, script errors, failed loads of our resources. */
    public void assertConsoleClean(String name) {
        String document = driver.getCurrentUrl();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            if (message.startsWith(document + " - Failed to load resource: the server responded with a status of")) {
                continue; // the page itself is an error page (its HTTP status), not a broken resource of it
            }
            boolean csp = message.contains("Content Security Policy");
            if (csp && keycloakScriptHashes.stream().anyMatch(hash -> message.contains("'sha256-" + hash + "'"))) {
                continue;
            }
            if (csp || entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleProblems.add(name + ": " + message);
            }
        }
        if (!consoleProblems.isEmpty()) {
            throw new AssertionError("browser console on page " + name + ": " + consoleProblems);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // a temp profile left behind is harmless
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
