package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Exporter;
import io.vigil.console.Links;
import io.vigil.demo.DemoConnector;
import io.vigil.demo.DemoFleet;
import io.vigil.testsupport.ConsoleClient;
import io.vigil.testsupport.DemoLogo;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver, never a downloaded browser) against
 * the demo: a newcomer's tour from sign-in to sign-out. Every page is screenshotted under target/console-screenshots,
 * checked by axe-core in the browser (any violation fails), by the W3C validator (any error fails) and for CSP
 * violations and other errors in the browser's console.
 */
class ConsoleBrowserIT {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final Path PAGES = Path.of("target", "console-pages");
  static final List<String> CONTOSO_CUSTOMERS = List.of("Ironwood Realty", "Juniper Labs", "Northgate Pharmacy");

  @TempDir
  static Path dir;
  @TempDir
  Path profile;
  static Exporter exporter;
  static DemoConnector connector;
  static String axe;
  ChromeDriver browser;
  String base;
  final List<Path> saved = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    for (String tool : List.of(CHROMIUM, CHROMEDRIVER)) {
      assertThat(Path.of(tool)).as(tool + " is required: apt-get install chromium chromium-driver (.ci/test does)").isExecutable();
    }
    Path axeJs = Path.of(System.getProperty("vigil.axe.js", "../.cache/npm/node_modules/axe-core/axe.min.js"));
    assertThat(axeJs).as("axe-core is required: npm install --prefix .cache/npm axe-core (.ci/test does)").isRegularFile();
    axe = Files.readString(axeJs);
    Files.createDirectories(SCREENSHOTS);
    Files.createDirectories(PAGES);
    connector = DemoConnector.start(Clock.systemUTC());
    exporter = Exporter.start(DemoLogo.give(DemoFleet.config(connector), "northwind", dir).withListenAndDataDir("127.0.0.1:0",
        dir.toString()), null,
        Clock.systemUTC(), started -> {
          new DemoFleet(started.uri(), Clock.systemUTC()).start();
          started.pollConnectorsNow();
        });
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
    }
    if (connector != null) {
      connector.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // An explicit driver and browser: Selenium Manager is never asked to find or download either.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1280, 1000));
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    base = exporter.uri().toString();
  }

  @AfterEach
  void closeBrowser() {
    browser.quit();
  }

  @Test
  void aTenantSignsInSeesWhatFailedOpensACustomerAJobADeviceAndABrokenChainAndSignsOut() throws Exception {
    browser.get(base + "/");
    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/sign-in");
    check("01-sign-in", false);

    signIn("not-a-key");
    assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
        .isEqualTo("That key is not valid. Use a tenant's read key or an admin key.");
    assertThat(browser.getCurrentUrl()).doesNotContain("not-a-key");
    check("02-wrong-key", true);

    signIn(DemoFleet.readKey("northwind"));
    assertThat(browser.getCurrentUrl()).isEqualTo(base + Links.tenant("northwind"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
    assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains("Alpine Dental", "Harbor Hotel");
    assertThat(browser.findElement(By.cssSelector(".counts")).getText()).contains("failed:", "overdue:", "unavailable:");
    assertBranded("Northwind IT Services", "rgb(31, 78, 121)", true);
    check("03-overview", false);
    browser.manage().window().setSize(new Dimension(390, 844));
    check("03-overview-phone", false);
    browser.manage().window().setSize(new Dimension(1280, 1000));

    follow(browser.findElement(By.linkText("In error")));
    String errors = browser.findElement(By.tagName("main")).getText();
    assertThat(errors).contains("failed", "overdue", "unavailable", "broken", "unmanaged", "disk_full");
    check("04-in-error", false);

    browser.get(base + Links.customer("northwind", "Alpine Dental"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Alpine Dental");
    assertThat(browser.findElement(By.id("reports")).isDisplayed()).isTrue();
    check("05-customer", false);

    follow(browser.findElement(By.linkText("system-image")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("system-image");
    assertThat(browser.findElements(By.cssSelector("main table tbody tr"))).isNotEmpty();
    check("06-job", false);

    browser.get(base + Links.customer("northwind", "Baker & Sons Law"));
    follow(browser.findElement(By.linkText("baker-sons-law-nvr01")));
    assertThat(browser.findElement(By.id("heartbeat")).isDisplayed()).isTrue();
    check("07-device", false);

    browser.get(base + Links.customer("northwind", "Alpine Dental"));
    follow(browser.findElement(By.linkText("D_VOL")));
    WebElement drawing = browser.findElement(By.cssSelector("svg.chain"));
    assertThat(drawing.findElements(By.cssSelector("rect.path"))).isNotEmpty();
    assertThat(drawing.findElements(By.cssSelector("rect.missing"))).isNotEmpty();
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("broken", "Missing:");
    check("08-chain-broken", false);

    browser.get(base + Links.chain("northwind", DemoConnector.NAME, "acme/SRV01", "C_VOL"));
    assertThat(browser.findElements(By.cssSelector("svg.chain rect.retained"))).isNotEmpty();
    check("09-chain-retention", false);

    follow(browser.findElement(By.linkText("Connectors")));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains(DemoConnector.NAME, "acme/OLD-SRV");
    check("10-connectors", false);

    follow(browser.findElement(By.cssSelector(".signout button")));
    assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("You have signed out.");
    check("11-signed-out", false);
    browser.get(base + Links.tenant("northwind"));
    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/sign-in");

    validate();
  }

  @Test
  void anotherTenantsKeySeesNoneOfTheFirstTenantsCustomers() throws Exception {
    browser.get(base + "/console/sign-in");
    signIn(DemoFleet.readKey("contoso"));
    String overview = browser.findElement(By.tagName("body")).getText();
    assertThat(overview).contains(CONTOSO_CUSTOMERS).doesNotContain("Alpine Dental", "Baker & Sons Law", "Northwind IT Services");
    assertBranded("Contoso Managed Services", "rgb(74, 35, 90)", false);
    check("21-other-tenant-overview", false);
    browser.get(base + Links.customer("northwind", "Alpine Dental"));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("There is no such tenant.").doesNotContain("Alpine Dental");
    check("22-other-tenant-refused", true);
    validate();
  }

  @Test
  void anAdminSwitchesTenantsWithTheSwitcher() throws Exception {
    browser.get(base + "/console/sign-in");
    signIn(DemoFleet.ADMIN_KEY);
    new Select(browser.findElement(By.id("tenant"))).selectByVisibleText("Contoso Managed Services");
    follow(browser.findElement(By.cssSelector(".switch button")));
    assertThat(browser.getCurrentUrl()).isEqualTo(base + Links.tenant("contoso"));
    assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains(CONTOSO_CUSTOMERS);
    assertBranded("Contoso Managed Services", "rgb(74, 35, 90)", false);
    check("31-admin-switched", false);
    validate();
  }

  /**
   * The header in the tenant's branding (the reports' settings): its name, its primary colour as the background (from
   * the tenant's brand.css), its logo loaded from the console when it has one, and its contact line below the page.
   */
  private void assertBranded(String name, String background, boolean logo) {
    WebElement header = browser.findElement(By.tagName("header"));
    assertThat(header.findElement(By.cssSelector(".brand")).getText()).isEqualTo(name);
    assertThat(header.getCssValue("background-color")).isIn(background, background.replace("rgb(", "rgba(").replace(")", ", 1)"));
    List<WebElement> images = header.findElements(By.cssSelector(".brand img"));
    if (logo) {
      assertThat(images).hasSize(1);
      assertThat(images.get(0).getAttribute("src")).isEqualTo(base + Links.logo("northwind"));
      assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth;", images.get(0))).intValue())
          .as("the logo loaded").isPositive();
    } else {
      assertThat(images).isEmpty();
    }
    assertThat(browser.findElement(By.tagName("footer")).getText()).isEqualTo(name + " service desk: support@"
        + (name.startsWith("Contoso") ? "contoso" : "northwind") + ".example");
  }

  private void signIn(String key) {
    WebElement field = browser.findElement(By.id("key"));
    field.clear();
    field.sendKeys(key);
    follow(browser.findElement(By.cssSelector("form.signin button")));
  }

  /**
   * Clicks a link or a form's button and waits until the page it leads to has loaded: reading the page before
   * (the old one, or one half replaced) fails under load with stale or missing elements.
   */
  private void follow(WebElement element) {
    element.click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(driver -> gone(element));
    wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
  }

  /**
   * Whether the element has left the document. Asked in the middle of a navigation, chromedriver sometimes answers
   * "Node with given id does not belong to the document" instead of a stale element reference: it means the same.
   */
  private static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException stale) {
      return true;
    } catch (WebDriverException e) {
      if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  /**
   * Screenshot, axe-core, the browser's console (CSP violations always fail; other errors fail unless the page is an
   * expected error answer) and the page's HTML as the server sent it, kept for {@link #validate}.
   */
  private void check(String name, boolean errorAnswer) throws Exception {
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    JavascriptExecutor js = browser;
    js.executeScript(axe);
    Object violations = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "axe.run(document).then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes: '"
        + " + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ') + ')')), e => done(['axe failed: ' + e]));");
    assertThat((List<?>) violations).as("axe-core violations on " + name).isEmpty();
    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
      String message = entry.getMessage();
      assertThat(message).as("CSP violation on " + name).doesNotContain("Content Security Policy").doesNotContain("Refused to");
      if (!errorAnswer) {
        assertThat(entry.getLevel()).as("browser console on " + name + ": " + message).isNotEqualTo(Level.SEVERE);
      }
    }
    Cookie session = browser.manage().getCookieNamed(ConsoleClient.COOKIE);
    String path = browser.getCurrentUrl().substring(base.length());
    HttpResponse<String> raw = new ConsoleClient(exporter.uri()).get(path, session == null ? null : session.getValue());
    if (raw.statusCode() != 303) {
      Path page = PAGES.resolve(name + ".html");
      Files.writeString(page, raw.body(), StandardCharsets.UTF_8);
      saved.add(page);
    }
  }

  /** The W3C validator (vnu) over every page kept by {@link #check}: no errors. */
  private void validate() throws Exception {
    Path vnu = Path.of(System.getProperty("vigil.vnu.jar", "../.cache/npm/node_modules/vnu-jar/build/dist/vnu.jar"));
    assertThat(vnu).as("the W3C validator is required: npm install --prefix .cache/npm vnu-jar (.ci/test does)").isRegularFile();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        vnu.toString(), "--errors-only", "--format", "text"));
    saved.forEach(p -> command.add(p.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("vnu: " + output).isZero();
  }
}
