package io.vigil.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One push endpoint under a fuzzer: a real exporter on loopback (started once per fuzz target) and the
 * properties every body must keep. No 5xx (the store is healthy); a 4xx carries a JSON "error"; a
 * rejected body commits nothing and changes no series; an accepted one leaves a valid exposition.
 * The clock stands still, so series that count time since something stay comparable. Register it as a
 * static {@code @RegisterExtension} field of the fuzz test class.
 */
public final class PushFuzzing implements BeforeAllCallback, AfterAllCallback {
  /** The exporter's clock; seed bodies carry times just before it. */
  public static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  private static final String KEY = "acme-push";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FuzzRun run;
  private int restores;
  private Path dataDir;
  private RunningExporter exporter;
  private Connection store;
  private String series;

  public PushFuzzing(String target) {
    this.run = new FuzzRun(target);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dataDir = Files.createTempDirectory("vigil-fuzz-");
    exporter = RunningExporter.start(dataDir, new TestClock(NOW));
    // A second connection sees every commit of the exporter's writer in PRAGMA data_version.
    store = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigil.db"));
    restoreFixtures();
  }

  /**
   * Pushes a job, and a device with a heartbeat and a raised error (the seeds name them), before the first
   * input and again after an input retired them; a new run id each time, else the run is a duplicate.
   */
  public void restoreFixtures() throws Exception {
    restores++;
    exporter.push("/api/v1/job-reports", KEY, Pushes.jobReport("Dental", "fs01", "nightly", "fixture-" + restores, "success",
        NOW.minusSeconds(3600)));
    exporter.push("/api/v1/heartbeats", KEY, Pushes.heartbeat("Dental", "nvr01", 60));
    exporter.push("/api/v1/events", KEY, Pushes.event("Dental", "nvr01", "disk_full", "raised"));
    series = tenantSeries();
  }

  /** Posts the body with the tenant's push key and checks every property; the answer, for target-specific checks. */
  public HttpResponse<String> push(String path, byte[] body) throws Exception {
    run.input();
    long commitsBefore = commits();
    HttpResponse<String> response = exporter.post(path, KEY, body);
    int status = response.statusCode();
    assertThat(status).as("status of %s for %s, body %s", path, printable(body), response.body()).isBetween(200, 499);
    if (status == 200) {
      series = tenantSeries();
      return response;
    }
    JsonNode error = json(response);
    assertThat(error.path("error").isTextual()).as("a %d without a JSON \"error\": %s", status, response.body()).isTrue();
    assertThat(commits()).as("a rejected %s committed to the store: %s", path, printable(body)).isEqualTo(commitsBefore);
    assertThat(tenantSeries()).as("a rejected %s changed the series: %s", path, printable(body)).isEqualTo(series);
    return response;
  }

  private String tenantSeries() throws IOException, InterruptedException {
    HttpResponse<String> scrape = exporter.get("/tenants/acme/metrics", "acme-read");
    assertThat(scrape.statusCode()).as("tenant scrape: %s", scrape.body()).isEqualTo(200);
    Exposition.parseStrict(scrape.body());
    return scrape.body();
  }

  private long commits() throws SQLException {
    try (Statement statement = store.createStatement(); ResultSet version = statement.executeQuery("PRAGMA data_version")) {
      version.next();
      return version.getLong(1);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("a " + response.statusCode() + " whose body is not JSON: " + response.body(), e);
    }
  }

  private static String printable(byte[] body) {
    StringBuilder out = new StringBuilder();
    for (byte b : body) {
      out.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
    }
    return out.length() <= 400 ? out.toString() : out.substring(0, 400) + "...";
  }

  /** The whole scrape, all tenants and self-metrics included, passes promtool; then the run must have fuzzed. */
  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      Promtool.assertValidExposition(exporter.get("/metrics", RunningExporter.ADMIN).body());
      run.assertFuzzed();
    } finally {
      store.close();
      exporter.close();
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
