package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Exporter;
import io.vigil.demo.DemoConnector;
import io.vigil.demo.DemoFleet;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.Promtool;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's first scrape: the demo fleet, pushed through the real API, shows every status at once. */
class DemoIT {
  @TempDir
  static Path dir;
  static Exporter exporter;
  static DemoConnector connector;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    connector = DemoConnector.start(Clock.systemUTC());
    exporter = Exporter.start(DemoFleet.config(connector).withListenAndDataDir("127.0.0.1:0", dir.toString()), null,
        Clock.systemUTC(), started -> {
          new DemoFleet(started.uri(), Clock.systemUTC()).start();
          started.pollConnectorsNow();
        });
  }

  @AfterAll
  static void stop() {
    exporter.close();
    connector.close();
  }

  static String get(String path, String key) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(exporter.uri() + path))
        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  void everyJobStatusAnUnavailableDeviceAndActiveErrorsArePresentAtTheFirstScrape() throws Exception {
    Exposition metrics = Exposition.parse(get("/metrics", DemoFleet.ADMIN_KEY));
    Set<String> statuses = metrics.samples("vigil_job_status").stream().filter(s -> s.value() == 1)
        .map(s -> s.labels().get("status")).collect(Collectors.toSet());
    assertThat(statuses).containsExactlyInAnyOrder("ok", "warning", "failed", "overdue", "missed");
    assertThat(metrics.jobStatus("customer", "Alpine Dental", "backup_job", "weekly-archive"))
        .as("a weekly job between its Saturdays").isEqualTo("ok");
    assertThat(metrics.jobStatus("customer", "Baker & Sons Law", "backup_job", "weekly-archive")).isEqualTo("missed");
    assertThat(metrics.samples("vigil_device_up")).anyMatch(s -> s.value() == 0).anyMatch(s -> s.value() == 1);
    assertThat(metrics.samples("vigil_device_error_active")).filteredOn(s -> s.value() == 1)
        .extracting(s -> s.labels().get("error")).contains("disk_full", "camera_unreachable", "license_exceeded");
    assertThat(metrics.samples("vigil_job_consecutive_failures")).anyMatch(s -> s.value() >= 3);
    assertThat(metrics.samples("vigil_tenant_info")).extracting(s -> s.labels().get("tenant"))
        .containsExactlyInAnyOrderElementsOf(DemoFleet.accounts());
    assertThat(metrics.samples("vigil_job_status").stream().map(s -> s.labels().get("customer")).distinct().count())
        .isGreaterThanOrEqualTo(10);
  }

  /** Every demo customer: the default month's report has its jobs' nights with successes and each finished night's size. */
  @Test
  void everyDemoCustomerHasANonTrivialMonthlyReportForTheMonthOfTheNewestFinishedNightAndEveryTenantADigest() throws Exception {
    int sites = 0;
    for (String account : DemoFleet.accounts()) {
      sites += assertDefaultMonthlyReports(exporter.uri(), account, Instant.now());
      assertThat(get("/tenants/" + account + "/reports/daily?format=text", DemoFleet.readKey(account))).contains("Totals:");
    }
    assertThat(sites).as("customers with a site server").isPositive();
    String northwind = get("/tenants/northwind/reports/daily", DemoFleet.readKey("northwind"));
    assertThat(northwind).as("the digest of the tenant that polls the demo connector")
        .contains("\"chain_broken\":").contains("\"unmanaged_folder\":").contains("\"chain_overdue\":")
        .contains("\"kind\":\"chain_broken\"").contains("/tenants/northwind/chains?connector=" + DemoConnector.NAME + "&folder=")
        .contains("\"subject\":\"acme/OLD-SRV\"");
    HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(exporter.uri() + "/tenants/northwind/reports/monthly?customer="
        + "Alpine%20Dental")).header("Authorization", "Bearer " + DemoFleet.readKey("northwind")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  /**
   * Asserts that each of the tenant's demo customers has a non-trivial monthly report for the default month at
   * {@code now}: the month of the newest finished night (the demo's tenants are in UTC with nights from 06:00), so on
   * the first day of a month, until 06:00 on the 2nd, the month just ended. Returns how many have a site server.
   */
  static int assertDefaultMonthlyReports(URI base, String account, Instant now) throws Exception {
    LocalDate lastNight = LocalDateTime.ofInstant(now, ZoneOffset.UTC).minusHours(6).toLocalDate().minusDays(1);
    YearMonth month = YearMonth.from(lastNight);
    String title = month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    int sites = 0;
    for (String customer : DemoFleet.customers(account)) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/tenants/" + account
          + "/reports/monthly?format=html&customer=" + URLEncoder.encode(customer, StandardCharsets.UTF_8).replace("+", "%20")))
          .header("Authorization", "Bearer " + DemoFleet.readKey(account)).build(), HttpResponse.BodyHandlers.ofString());
      String what = account + " / " + customer + " at " + now;
      assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(200);
      String html = response.body();
      assertThat(html).as(what).contains(title).contains("<td class=\"success\">S</td>").contains("system-image").contains("<svg");
      assertThat(html.split("<rect ").length - 1).as(what + ": nights in the size chart").isEqualTo(month.lengthOfMonth());
      String chart = html.substring(html.indexOf("id=\"size-trend\""), html.indexOf("</svg>", html.indexOf("id=\"size-trend\"")));
      assertThat(Pattern.compile("<rect [^>]*height=\"[1-9]\\d*\"").matcher(chart).results().count())
          .as(what + ": bars with a height, one for each finished night of the month at least")
          .isGreaterThanOrEqualTo(lastNight.getDayOfMonth());
      if (html.contains("<h2>Site servers</h2>")) {
        sites++;
        assertThat(html).as(what + ": the back-dated outage of its site server")
            .contains("<h2>Site server outages</h2>").contains("<td>30 min</td>")
            .containsPattern("Site server availability</div><div class=\"v\">\\d{1,2}\\.\\d\\d %");
      }
    }
    return sites;
  }

  @Test
  void theDemoConnectorIsPolledBeforeTheFirstScrapeWithABrokenChainAnUnmanagedFolderAndAnOverdueCustomer() throws Exception {
    Exposition metrics = Exposition.parse(get("/tenants/northwind/metrics", DemoFleet.readKey("northwind")));
    assertThat(metrics.value("vigil_connector_up", "connector", DemoConnector.NAME)).isEqualTo(1);
    assertThat(metrics.samples("vigil_chain_broken")).anyMatch(s -> s.value() == 1).anyMatch(s -> s.value() == 0);
    assertThat(metrics.value("vigil_folder_unmanaged", "folder", "acme/OLD-SRV")).isEqualTo(1);
    assertThat(metrics.find("vigil_folder_unmanaged", "folder", "acme/OLD-SRV").orElseThrow().labels())
        .containsEntry("customer", "Alpine Dental");
    assertThat(metrics.samples("vigil_chain_since_newest_image_seconds")).anySatisfy(s -> {
      assertThat(s.labels()).containsEntry("customer", "Baker & Sons Law").containsEntry("folder", "globex/FS01");
      assertThat(s.value()).isGreaterThan(metrics.value("vigil_chain_grace_seconds", "folder", "globex/FS01", "volume",
          s.labels().get("volume")));
    });
    assertThat(metrics.value("vigil_customer_quota_bytes", "customer", "Alpine Dental")).isEqualTo(2L << 40);
    assertThat(metrics.samples("vigil_chain_depth")).allSatisfy(s -> assertThat(s.labels()).containsEntry("tenant", "northwind"));
    Exposition other = Exposition.parse(get("/tenants/contoso/metrics", DemoFleet.readKey("contoso")));
    assertThat(other.samples("vigil_chain_depth")).isEmpty();
    assertThat(other.samples("vigil_connector_up")).isEmpty();
  }

  @Test
  void theBackDatedHistoryGivesEveryKindOfNight() throws Exception {
    String history = get("/tenants/northwind/history", DemoFleet.readKey("northwind"));
    for (String result : List.of("success", "warning", "failed", "missed", "not_scheduled")) {
      assertThat(history).as("a %s night in the last 7", result).contains("\"result\":\"" + result + "\"");
    }
  }

  @Test
  void theDemoExpositionPassesPromtool() throws Exception {
    Promtool.assertValidExposition(get("/metrics", DemoFleet.ADMIN_KEY));
    Promtool.assertValidExposition(get("/tenants/northwind/metrics", DemoFleet.readKey("northwind")));
  }

  @Test
  void eachDemoTenantReadKeySeesOnlyItsTenant() throws Exception {
    for (String account : DemoFleet.accounts()) {
      Exposition metrics = Exposition.parse(get("/tenants/" + account + "/metrics", DemoFleet.readKey(account)));
      assertThat(metrics.samples("vigil_job_status")).isNotEmpty()
          .allSatisfy(s -> assertThat(s.labels().get("tenant")).isEqualTo(account));
    }
  }
}
