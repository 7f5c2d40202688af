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
import java.util.List;
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

  /** Every demo customer: this month's report has its jobs' nights with successes and more than one night's sizes. */
  @Test
  void everyDemoCustomerHasANonTrivialMonthlyReportForTheCurrentMonthAndEveryTenantADigest() throws Exception {
    int sites = 0;
    for (String account : DemoFleet.accounts()) {
      for (String customer : DemoFleet.customers(account)) {
        String html = get("/tenants/" + account + "/reports/monthly?format=html&customer="
            + URLEncoder.encode(customer, StandardCharsets.UTF_8).replace("+", "%20"), DemoFleet.readKey(account));
        assertThat(html).as(account + " / " + customer).contains("<td class=\"success\">S</td>").contains("system-image")
            .contains("<svg");
        assertThat(html.split("<rect ").length - 1).as(account + " / " + customer + ": nights in the size chart").isGreaterThan(1);
        if (html.contains("<h2>Site servers</h2>")) {
          sites++;
          assertThat(html).as(account + " / " + customer + ": the back-dated outage of its site server")
              .contains("<h2>Site server outages</h2>").contains("<td>30 min</td>")
              .containsPattern("Site server availability</div><div class=\"v\">\\d{1,2}\\.\\d\\d %");
        }
        assertThat(Pattern.compile("height=\"([1-9]\\d*)\"").matcher(html.substring(html.indexOf("id=\"size-trend\""))).results()
            .count()).as(account + " / " + customer + ": the chart and bars with a height").isGreaterThan(2);
      }
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
