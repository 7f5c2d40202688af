package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static io.vigil.testsupport.Pushes.withType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.http.Authenticator;
import io.vigil.testsupport.ExporterProcess;
import io.vigil.testsupport.Exposition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar killed with SIGKILL at random moments while loaders push job reports, batches and
 * heartbeats. After every restart each acknowledged push is in the run history and in the job or
 * device state, and no batch is kept in part. The seed (printed; replay with -Dcrash.seed=N) fixes
 * the kill moments and the mix of pushes, not how the threads interleave.
 */
class CrashDurabilityIT {
  static final int CYCLES = 6;
  static final int LOADERS = 4;
  static final int JOBS = 3;
  static final int BATCH_ITEMS = 3;
  static final String[] STATUSES = {"success", "warning", "failed"};
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** Acknowledged runs per job ("device/job"). */
  final Map<String, Set<String>> acknowledgedRuns = new ConcurrentHashMap<>();
  /** Newest acknowledged heartbeat per device. */
  final Map<String, Instant> acknowledgedHeartbeats = new ConcurrentHashMap<>();
  final List<Batch> batches = Collections.synchronizedList(new ArrayList<>());
  /** Run ends, one millisecond apart, so every run has its own. */
  final AtomicLong runEnd = new AtomicLong(Instant.now().minus(Duration.ofHours(1)).toEpochMilli());

  /** A batch of job reports for different jobs of one device; item i is run runIds[i] of job batch-i. */
  record Batch(String device, List<String> runIds, boolean acknowledged) {}

  @Test
  void everyAcknowledgedPushSurvivesKillNineAndNoBatchIsKeptInPart() throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    System.out.println("CrashDurabilityIT seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
    Random random = new Random(seed);
    String[] args = {"--config", writeConfig().toString(), "--data-dir", dir.resolve("data").toString()};
    for (int cycle = 0; cycle <= CYCLES; cycle++) {
      try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of(), args)) {
        assertEverythingAcknowledgedIsThere(vigil.uri(), "after " + cycle + " kill(s), seed " + seed);
        if (cycle == CYCLES) {
          break;
        }
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> loaders = new ArrayList<>();
        for (int loader = 0; loader < LOADERS; loader++) {
          Random mix = new Random(seed + 1_000L * cycle + loader);
          String prefix = "c" + cycle + "-";
          String device = "dev-" + loader;
          Thread thread = new Thread(() -> load(vigil.uri(), device, prefix, mix, killed), "loader-" + loader);
          thread.start();
          loaders.add(thread);
        }
        Thread.sleep(300 + random.nextInt(1_200));
        vigil.kill9();
        killed.set(true);
        for (Thread loader : loaders) {
          loader.join(30_000);
        }
      }
    }
    long acknowledged = acknowledgedRuns.values().stream().mapToLong(Set::size).sum();
    long unacknowledgedBatches = batches.stream().filter(b -> !b.acknowledged()).count();
    System.out.printf("CrashDurabilityIT: %d acknowledged runs, %d batches (%d not acknowledged), %d devices heartbeating%n",
        acknowledged, batches.size(), unacknowledgedBatches, acknowledgedHeartbeats.size());
    assertThat(acknowledged).as("runs acknowledged over all cycles").isGreaterThan(100);
    assertThat(unacknowledgedBatches).as("batches cut short by a kill").isPositive();
  }

  /** Pushes until the exporter is killed: single job reports, batches and heartbeats, noting what was acknowledged. */
  private void load(URI base, String device, String prefix, Random mix, AtomicBoolean killed) {
    for (int n = 0; !killed.get(); n++) {
      String id = prefix + device + "-" + n;
      int kind = mix.nextInt(10);
      if (kind < 5) {
        String job = "job-" + mix.nextInt(JOBS);
        if (post(base, "/api/v1/job-reports", report(device, job, id, mix))) {
          acknowledged(device, job, id);
        }
      } else if (kind < 8) {
        List<String> runIds = IntStream.range(0, BATCH_ITEMS).mapToObj(i -> id + "-item" + i).toList();
        String items = IntStream.range(0, BATCH_ITEMS)
            .mapToObj(i -> withType("job_report", report(device, "batch-" + i, runIds.get(i), mix)))
            .collect(Collectors.joining(",", "{\"items\": [", "]}"));
        boolean ok = post(base, "/api/v1/batch", items);
        batches.add(new Batch(device, runIds, ok));
        for (int i = 0; ok && i < BATCH_ITEMS; i++) {
          acknowledged(device, "batch-" + i, runIds.get(i));
        }
      } else {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String heartbeat = "{\"customer\": \"Crash\", \"device\": \"%s\", \"at\": \"%s\"}".formatted(device, at);
        if (post(base, "/api/v1/heartbeats", heartbeat)) {
          acknowledgedHeartbeats.merge(device, at, (a, b) -> a.isAfter(b) ? a : b);
        }
      }
    }
  }

  private String report(String device, String job, String runId, Random mix) {
    Instant end = Instant.ofEpochMilli(runEnd.incrementAndGet());
    return jobReport("Crash", device, job, runId, STATUSES[mix.nextInt(STATUSES.length)], end);
  }

  private void acknowledged(String device, String job, String runId) {
    acknowledgedRuns.computeIfAbsent(device + "/" + job, k -> ConcurrentHashMap.newKeySet()).add(runId);
  }

  /** True only for a 200: a refused, failed or cut-off request was not acknowledged. */
  private static boolean post(URI base, String path, String body) {
    try {
      return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer push-key").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException killed) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void assertEverythingAcknowledgedIsThere(URI base, String when) throws Exception {
    Map<String, Set<String>> history = new HashMap<>();
    for (int loader = 0; loader < LOADERS; loader++) {
      for (int j = 0; j < Math.max(JOBS, BATCH_ITEMS); j++) {
        for (String job : List.of("job-" + j, "batch-" + j)) {
          history.put("dev-" + loader + "/" + job, runIds(base, "dev-" + loader, job));
        }
      }
    }
    Exposition state = Exposition.parse(get(base, "/tenants/acme/metrics"));
    history.forEach((job, runs) -> {
      assertThat(runs).as("%s: history of %s has every acknowledged run", when, job)
          .containsAll(acknowledgedRuns.getOrDefault(job, Set.of()));
      String[] device = job.split("/");
      double stateRuns = state.samples("vigil_job_runs_total").stream()
          .filter(s -> device[0].equals(s.labels().get("device")) && device[1].equals(s.labels().get("backup_job")))
          .mapToDouble(Exposition.Sample::value).sum();
      assertThat(stateRuns).as("%s: runs of %s counted in the job state = runs in its history", when, job).isEqualTo(runs.size());
    });
    for (Batch batch : List.copyOf(batches)) {
      long kept = IntStream.range(0, BATCH_ITEMS)
          .filter(i -> history.get(batch.device() + "/batch-" + i).contains(batch.runIds().get(i))).count();
      assertThat(kept).as("%s: items kept of %s (all of them, or none if not acknowledged)", when, batch)
          .isIn(batch.acknowledged() ? List.of((long) BATCH_ITEMS) : List.of(0L, (long) BATCH_ITEMS));
    }
    acknowledgedHeartbeats.forEach((device, at) ->
        assertThat(state.value("vigil_device_last_heartbeat_timestamp_seconds", "device", device))
            .as("%s: last heartbeat of %s", when, device).isGreaterThanOrEqualTo(at.getEpochSecond()));
  }

  private static Set<String> runIds(URI base, String device, String job) throws Exception {
    String body = get(base, "/tenants/acme/runs?customer=Crash&device=" + device + "&job=" + job + "&from=2000-01-01T00:00:00Z");
    Set<String> ids = new HashSet<>();
    JSON.readTree(body).get("runs").forEach(run -> ids.add(run.get("run_id").asText()));
    return ids;
  }

  private static String get(URI base, String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer read-key").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return response.body();
  }

  private Path writeConfig() throws IOException {
    return Files.writeString(dir.resolve("vigil.yml"), """
        tenants:
          - account: acme
            keys:
              - {role: push, sha256: %s}
              - {role: read, sha256: %s}
        """.formatted(Authenticator.sha256Hex("push-key"), Authenticator.sha256Hex("read-key")));
  }
}
