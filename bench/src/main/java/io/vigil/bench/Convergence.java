package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long after one replica acknowledges a push the other replica shows it: a job report with a new end time is pushed
 * to the first replica, then the second one's tenant scrape of {@code vigil_job_last_run_timestamp_seconds} alone (a
 * {@code name[]} scrape) is repeated until it shows that end time. A sample is the time from the {@code 200} to the end of
 * the first scrape that shows it, so it includes one scrape (its duration is reported as the resolution).
 */
final class Convergence {
  static final String JOB = "bench-converge";
  private static final Duration GIVE_UP = Duration.ofSeconds(10);

  private final FleetModel fleet;
  private final URI acknowledging;
  private final URI following;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  Convergence(FleetModel fleet, URI acknowledging, URI following) {
    this.fleet = fleet;
    this.acknowledging = acknowledging;
    this.following = following;
  }

  /** Milliseconds from the acknowledgement until the other replica shows the push, per sample, and per probe scrape. */
  record Result(List<Double> convergenceMillis, List<Double> probeScrapeMillis, int notConverged) {
    double percentile(List<Double> values, double q) {
      if (values.isEmpty()) {
        return Double.NaN;
      }
      List<Double> sorted = values.stream().sorted().toList();
      return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
    }
  }

  Result measure(int samples) throws Exception {
    int tenant = fleet.tenantOfDevice(0);
    String scrape = "/tenants/" + fleet.tenant(tenant) + "/metrics?name%5B%5D=vigil_job_last_run_timestamp_seconds";
    String series = "backup_job=\"" + JOB + "\"";
    long base = Instant.now().getEpochSecond() - 2 * samples - 60;
    List<Double> converged = new ArrayList<>();
    List<Double> probes = new ArrayList<>();
    int notConverged = 0;
    for (int i = 0; i <= samples; i++) {
      long ended = base + 2L * i;
      HttpResponse<String> ack = http.send(HttpRequest.newBuilder(acknowledging.resolve("/api/v1/job-reports"))
          .header("Authorization", "Bearer " + fleet.pushKey(tenant)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(report(ended, i))).build(), HttpResponse.BodyHandlers.ofString());
      long acked = System.nanoTime();
      if (ack.statusCode() != 200) {
        throw new IllegalStateException("the first replica answered " + ack.statusCode() + ": " + ack.body());
      }
      while (true) {
        long start = System.nanoTime();
        String text = http.send(HttpRequest.newBuilder(following.resolve(scrape)).header("Authorization", "Bearer " + fleet.readKey(tenant))
            .build(), HttpResponse.BodyHandlers.ofString()).body();
        long end = System.nanoTime();
        if (i > 0) {
          probes.add((end - start) / 1e6);
        }
        if (shows(text, series, ended)) {
          // the first sample warms both replicas up and is not counted
          if (i > 0) {
            converged.add((end - acked) / 1e6);
          }
          break;
        }
        if (end - acked > GIVE_UP.toNanos()) {
          notConverged++;
          break;
        }
      }
      Thread.sleep(ThreadLocalRandom.current().nextInt(100));
    }
    Result result = new Result(converged, probes, notConverged);
    System.out.printf(Locale.ROOT, "  replica convergence: %d samples, p50 %.1f ms, p99 %.1f ms, max %.1f ms; probe scrape p50 %.1f ms;"
        + " %d not within %d s%n", converged.size(), result.percentile(converged, 0.5), result.percentile(converged, 0.99),
        result.percentile(converged, 1.0), result.percentile(probes, 0.5), notConverged, GIVE_UP.toSeconds());
    return result;
  }

  private String report(long ended, int i) {
    int d = 0;
    return "{\"customer\":\"" + fleet.customer(fleet.customerOfDevice(d)) + "\",\"device\":\"" + fleet.device(d) + "\",\"job\":\"" + JOB
        + "\",\"run_id\":\"converge-" + i + "\",\"status\":\"success\",\"started_at\":" + (ended - 60) + ",\"ended_at\":" + ended + "}";
  }

  private static boolean shows(String text, String series, long ended) {
    for (String line : text.split("\n")) {
      if (line.startsWith("vigil_job_last_run_timestamp_seconds{") && line.contains(series)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) == ended;
      }
    }
    return false;
  }
}
