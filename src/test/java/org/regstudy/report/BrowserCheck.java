package org.regstudy.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.regstudy.common.AtomicFiles;

/**
 * Opens local HTML pages in Debian's headless Chromium through Selenium and reports what a person
 * would see: browser console errors, the rendered {@code <svg>} charts and whether their axis
 * labels are drawn, and a full-page screenshot with a pixel check that it is not blank.
 *
 * <p>The browser and driver are the system's ({@value #CHROMIUM}, {@value #CHROMEDRIVER}); the
 * driver path is set explicitly so Selenium Manager never tries to download anything. When they
 * are missing, {@link #start} fails the test (CI installs them; nothing is skipped).
 * Each instance uses a fresh temporary profile directory, deleted by {@link #close}.
 */
final class BrowserCheck implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final int WINDOW_WIDTH = 1280;
    /** Screenshots are cut at this height (CSS px) to bound memory on long pages. */
    static final int MAX_PAGE_HEIGHT = 12_000;

    /** One {@code <svg>} as rendered: size on screen, element count, its {@code <text>} contents and the axis labels it should show. */
    record Svg(String id, double width, double height, int elements, List<String> texts, String xLabel, String yLabel,
               double xLabelWidth, double yLabelWidth) {
        /** Rendered with a size and real content (a chart has dozens of elements and some text). */
        boolean nonEmpty() {
            return width > 0 && height > 0 && elements >= 20 && !texts.isEmpty();
        }

        /** The figure declares both axis labels and both are drawn as text with a visible width. */
        boolean hasAxisLabels() {
            return xLabel != null && yLabel != null && xLabelWidth > 0 && yLabelWidth > 0;
        }
    }

    /** A full-page screenshot and its pixel statistics. */
    record Screenshot(Path file, int width, int height, int distinctColours, double nonWhiteFraction) {
        /** Not blank: many colours (charts are anti-aliased and coloured) and a visible share of non-white pixels. */
        boolean notBlank() {
            return distinctColours > 32 && nonWhiteFraction > 0.02;
        }
    }

    /** What a page showed. */
    record Page(String title, List<String> severeLogs, List<Svg> svgs, Screenshot screenshot) {
    }

    /**
     * Selenium 4.27 knows DevTools versions up to 131 and warns about Chromium 156 at every start;
     * nothing here uses DevTools (the console log comes through the WebDriver logging endpoint).
     * Strong references keep java.util.logging from forgetting these levels.
     */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    static {
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
    }

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private BrowserCheck(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts headless Chromium, or fails the calling test when Chromium or its driver is missing. */
    static BrowserCheck start() {
        return start(CHROMIUM, CHROMEDRIVER);
    }

    /** Starts the given Chromium with the given chromedriver; fails the calling test when either is missing. */
    static BrowserCheck start(String chromium, String chromedriver) {
        for (String exe : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(Path.of(exe))) {
                fail(exe + " is missing: install chromium and chromium-driver (apt-get install -y chromium chromium-driver;"
                        + " CI installs them) to run the browser tests");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("regstudy-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=" + WINDOW_WIDTH + ",900", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile()) // explicit: Selenium Manager is never asked
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .withLogFile(targetDir().resolve("chromedriver.log").toFile())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new BrowserCheck(profile, service, driver);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    /** {@code target/browser} under the Maven base directory (created). */
    static Path targetDir() {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("browser");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The driver, for page-specific checks. */
    ChromeDriver driver() {
        return driver;
    }

    /**
     * Opens {@code html} as a file:// URL and collects what it shows; the full-page screenshot
     * goes to {@code screenshot}.
     */
    Page open(Path html, Path screenshot) {
        driver.manage().logs().get(LogType.BROWSER); // drop entries from earlier pages
        driver.get(html.toAbsolutePath().toUri().toString());
        List<String> severe = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER).getAll()) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(e.getMessage());
            }
        }
        return new Page(driver.getTitle(), severe, svgs(), screenshot(screenshot));
    }

    @SuppressWarnings("unchecked")
    private List<Svg> svgs() {
        Object raw = ((JavascriptExecutor) driver).executeScript("""
                function labelWidth(svg, label) {
                  if (!label) return 0;
                  for (const t of svg.querySelectorAll('text')) {
                    if (t.textContent.trim() === label) {
                      const r = t.getBoundingClientRect();
                      return Math.max(r.width, r.height);
                    }
                  }
                  return 0;
                }
                return Array.from(document.querySelectorAll('svg')).map(s => {
                  const r = s.getBoundingClientRect();
                  const fig = s.closest('figure');
                  const x = fig ? fig.getAttribute('data-x-label') : null;
                  const y = fig ? fig.getAttribute('data-y-label') : null;
                  return {id: s.id || '', width: r.width, height: r.height, elements: s.querySelectorAll('*').length,
                          texts: Array.from(s.querySelectorAll('text')).map(t => t.textContent.trim()).filter(t => t.length > 0),
                          xLabel: x, yLabel: y, xLabelWidth: labelWidth(s, x), yLabelWidth: labelWidth(s, y)};
                });
                """);
        List<Svg> out = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) raw) {
            out.add(new Svg((String) m.get("id"), num(m.get("width")), num(m.get("height")), (int) num(m.get("elements")),
                    List.copyOf((List<String>) m.get("texts")), (String) m.get("xLabel"), (String) m.get("yLabel"),
                    num(m.get("xLabelWidth")), num(m.get("yLabelWidth"))));
        }
        return out;
    }

    private static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    private Screenshot screenshot(Path file) {
        long height = ((Number) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);")).longValue();
        driver.manage().window().setSize(new Dimension(WINDOW_WIDTH, (int) Math.min(Math.max(height, 200), MAX_PAGE_HEIGHT)));
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        AtomicFiles.write(file, out -> out.write(png));
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        return new Screenshot(file, img.getWidth(), img.getHeight(), colours.size(),
                nonWhite / (double) ((long) img.getWidth() * img.getHeight()));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover profile in /tmp is harmless
        }
    }
}
