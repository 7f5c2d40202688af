package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static io.vigil.testsupport.Pushes.withType;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsIT {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  @TempDir
  Path dir;

  @Test
  void openMetricsIsServedWhenAskedForAndGzipWhenAccepted() throws Exception {
    try (RunningExporter vigil = RunningExporter.start(dir, new TestClock(NOW))) {
      vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW));
      HttpResponse<String> openMetrics = vigil.get("/tenants/acme/metrics", "acme-read",
          "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
      assertThat(openMetrics.headers().firstValue("Content-Type")).get().asString().startsWith("application/openmetrics-text");
      assertThat(openMetrics.body()).contains("# UNIT vigil_job_grace_seconds seconds").endsWith("# EOF\n");

      HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(vigil.uri().resolve("/tenants/acme/metrics"))
          .header("Authorization", "Bearer acme-read").header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
      String text = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).contains("vigil_job_status{");
    }
  }

  /** A body of several gzip chunks is deflated on a second thread (ScrapeGzip): it must still be the plain scrape's text. */
  @Test
  void aGzipScrapeLargerThanAChunkDecompressesToThePlainScrapesSeries() throws Exception {
    try (RunningExporter vigil = RunningExporter.start(dir, new TestClock(NOW))) {
      StringBuilder batch = new StringBuilder("{\"items\": [");
      for (int j = 0; j < 900; j++) {
        batch.append(j == 0 ? "" : ",").append(withType("job_report", jobReport("Customer " + j % 7, "fs" + j % 40, "job-" + j, "r1",
            j % 5 == 0 ? "failed" : "success", NOW)));
      }
      vigil.push("/api/v1/batch", "acme-push", batch.append("]}").toString());
      String plain = vigil.get("/tenants/acme/metrics", "acme-read").body();
      HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(vigil.uri().resolve("/tenants/acme/metrics"))
          .header("Authorization", "Bearer acme-read").header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
      String text = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(), StandardCharsets.UTF_8);

      assertThat(plain.length()).as("more than one chunk").isGreaterThan(1024 * 1024);
      assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(gzipped.body().length).isLessThan(plain.length() / 10);
      assertThat(fleetLines(text)).hasSizeGreaterThan(900 * 10).isEqualTo(fleetLines(plain));
    }
  }

  /** The job families' lines (the exporter's own health metrics may change between two scrapes). */
  private static List<String> fleetLines(String exposition) {
    return exposition.lines().filter(l -> l.startsWith("vigil_job")).toList();
  }

  /** The direct writer serves the text formats; these requests take client_java's handler, with the same fleet series. */
  @Test
  void scrapesFilteredByNameOrInProtobufAreServedByClientJava() throws Exception {
    try (RunningExporter vigil = RunningExporter.start(dir, new TestClock(NOW))) {
      vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "r1", "success", NOW));
      String filtered = vigil.get("/tenants/acme/metrics?name%5B%5D=vigil_job_status", "acme-read").body();
      assertThat(filtered).contains("vigil_job_status{backup_job=\"nightly\"").doesNotContain("vigil_job_grace_seconds");

      HttpResponse<String> protobuf = vigil.get("/metrics", "admin",
          "Accept", "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
      assertThat(protobuf.headers().firstValue("Content-Type")).get().asString().startsWith("application/vnd.google.protobuf");
      assertThat(protobuf.body()).contains("vigil_job_status", "Dental", "jvm_threads");
    }
  }

  @Test
  void healthAndReadinessNeedNoKey() throws Exception {
    try (RunningExporter vigil = RunningExporter.start(dir, new TestClock(NOW))) {
      assertThat(vigil.get("/-/healthy", null).statusCode()).isEqualTo(200);
      assertThat(vigil.get("/-/ready", null).statusCode()).isEqualTo(200);
    }
  }
}
