package dev.journeys.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven by Debian's chromedriver, headless, with a fresh profile. The test
 * installs nothing: without both binaries it is skipped saying which is missing (.ci/run installs
 * them with apt when it can).
 */
public final class ChromiumBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getProperty("journeys.test.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("journeys.test.chromedriver", "/usr/bin/chromedriver"));

  public final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;

  private ChromiumBrowser(ChromeDriver driver, Path profile, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
  }

  /** Skips the calling test (JUnit assumption) when chromium or chromedriver is absent. */
  public static ChromiumBrowser start(Path screenshots) throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM), "No Chromium at " + CHROMIUM
        + ": install Debian's chromium (apt-get install chromium chromium-driver) to run the dashboard browser test");
    assumeTrue(Files.isExecutable(CHROMEDRIVER), "No chromedriver at " + CHROMEDRIVER
        + ": install Debian's chromium-driver (apt-get install chromium-driver) to run the dashboard browser test");
    Path profile = Files.createTempDirectory("journeys-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1600,1200", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Files.createDirectories(screenshots);
    return new ChromiumBrowser(driver, profile, screenshots);
  }

  public Path screenshot(String name) throws IOException {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = screenshots.resolve(name + ".png");
    Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
