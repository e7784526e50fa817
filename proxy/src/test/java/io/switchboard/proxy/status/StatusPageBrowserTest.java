package io.switchboard.proxy.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ServerState;
import io.switchboard.proxy.testing.NettyLeakExtension;
import io.switchboard.proxy.testing.SwitchboardFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page as a person sees it, in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs): the servers and their state, a meeting appearing while the page is open, a
 * cordoned server turning yellow, without a reload. The last screen is kept as {@code target/status-page.png}.
 * Skipped when Chromium is not installed, failed instead under {@code CI=true}.
 */
@ExtendWith(NettyLeakExtension.class)
class StatusPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String PASSWORD = "watch-the-fleet";

  private SwitchboardFixture switchboard;
  private ChromeDriver browser;

  @BeforeEach
  void openThePage() {
    requireChromium();
    switchboard = SwitchboardFixture.start(2, "switchboard.status-page.password = \"" + PASSWORD + "\"");
    switchboard.pollNow();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    browser.get("http://admin:" + PASSWORD + "@127.0.0.1:" + switchboard.port() + "/status");
  }

  @AfterEach
  void close() throws IOException {
    if (browser != null) {
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target", "status-page.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
    if (switchboard != null) {
      switchboard.close();
    }
  }

  @Test
  void showsTheFleetAndFollowsItLive() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    List<WebElement> rows = wait.until(driver -> {
      List<WebElement> found = driver.findElements(By.cssSelector("#servers tbody tr"));
      return found.size() == 2 ? found : null;
    });
    assertThat(browser.getTitle()).isEqualTo("Switchboard status");
    assertThat(rows).allSatisfy(row -> assertThat(row.getText()).contains("enabled").contains("online"));
    assertThat(browser.findElement(By.id("servers-online")).getText()).isEqualTo("2 / 2");
    assertThat(browser.findElement(By.id("meetings")).getText()).contains("No meetings are running.");

    switchboard.get("create", "meetingID=watched-room&name=Watched");
    WebElement meeting = wait.until(driver -> driver.findElements(By.cssSelector("#meetings .meeting")).stream()
        .filter(item -> item.getText().contains("watched-room")).findFirst().orElse(null));
    assertThat(meeting.isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("meetings-total")).getText()).isEqualTo("1");

    String cordoned = "bbb1";
    switchboard.stores().servers().update(cordoned, server -> server.withState(ServerState.CORDONED))
        .toCompletableFuture().join();
    WebElement row = wait.until(driver -> driver.findElements(By.cssSelector("#servers tbody tr")).stream()
        .filter(candidate -> cordoned.equals(candidate.getAttribute("data-server"))
            && candidate.getText().contains("cordoned"))
        .findFirst().orElse(null));
    assertThat(row.findElement(By.cssSelector(".pill.cordoned")).getCssValue("background-color"))
        .isEqualTo("rgba(255, 248, 197, 1)");
    assertThat(((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES)).isNotEmpty();
  }

  private static void requireChromium() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String message = "Chromium (" + CHROMIUM + ") and ChromeDriver (" + CHROMEDRIVER + ") are not installed; "
        + "apt-get install chromium chromium-driver";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + " — CI=true, so the browser test must not be skipped (.ci/run installs them)");
    }
    Assumptions.abort("skipped: " + message);
  }
}
