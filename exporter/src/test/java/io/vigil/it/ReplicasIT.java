package io.vigil.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vigil.config.StoreConfig;
import io.vigil.http.Authenticator;
import io.vigil.store.HistoryScope;
import io.vigil.store.PostgresStore;
import io.vigil.store.Store;
import io.vigil.testsupport.ExporterProcess;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.Haproxy;
import io.vigil.testsupport.Inventories;
import io.vigil.testsupport.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two exporter replicas (the fat jar, as operators run it) over one real PostgreSQL, behind a real HAProxy, all
 * started by the test on loopback. Pushes go through the balancer; a scrape of either replica agrees within a
 * second of the acknowledgement; one replica killed with SIGKILL under load loses no acknowledged push while the
 * other keeps serving, and once restarted it catches up before it reports ready. A connector is polled by one
 * replica at a time, both export what it found, and the survivor takes polling over when the polling one dies.
 */
class ReplicasIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Instant T0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static final Duration AGREEMENT = Duration.ofSeconds(1);
  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final String INVENTORY = "/api/v1/inventory";

  @TempDir
  Path dir;
  private PostgresServer postgres;
  private StoreConfig database;
  private Path config;
  private final int[] ports = new int[2];
  private final ExporterProcess[] replicas = new ExporterProcess[2];
  private Haproxy haproxy;
  private WireMockServer connector;

  @BeforeEach
  void start() throws Exception {
    connector = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
    connector.start();
    connector.stubFor(get(INVENTORY).willReturn(okJson(Inventories.sample())));
    postgres = PostgresServer.start();
    database = postgres.newDatabase();
    config = Files.writeString(dir.resolve("vigil.yml"), """
        admin_keys:
          - {sha256: %s}
        tenants:
          - account: acme
            keys:
              - {role: push, sha256: %s}
            connectors:
              - {name: img01, url: "%s", token: tok, interval_seconds: 1}
        store:
          type: postgresql
          url: %s
          user: %s
          password_file: %s
          pool: {max_size: 4, connection_timeout_seconds: 2}
          lease_seconds: %d
        """.formatted(Authenticator.sha256Hex("admin-key"), Authenticator.sha256Hex("push-key"), connector.baseUrl(), database.url(),
        database.user(), database.passwordFile(), LEASE.toSeconds()));
    for (int i = 0; i < 2; i++) {
      ports[i] = ExporterProcess.freePort();
      replicas[i] = startReplica(i);
    }
    haproxy = Haproxy.start(dir, List.of(ports[0], ports[1]));
  }

  private ExporterProcess startReplica(int i) throws Exception {
    return ExporterProcess.start(dir, Map.of(), ports[i], "--config", config.toString(), "--data-dir", dir.resolve("data" + i).toString());
  }

  @AfterEach
  void stop() throws Exception {
    // The replicas' and HAProxy's logs outlive the temporary folder, for a failure's diagnosis.
    Path logs = Files.createDirectories(Path.of("target", "replicas-it"));
    try (var files = Files.list(dir)) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (AutoCloseable closeable : new AutoCloseable[] {haproxy, replicas[0], replicas[1], postgres}) {
      if (closeable != null) {
        closeable.close();
      }
    }
    connector.stop();
  }

  @Test
  void bothReplicasShowEveryPushThroughTheBalancerWithinASecondOfItsAcknowledgement() throws Exception {
    // Warm-up, so the first measurement is not that of a cold JVM's first scrape.
    push(haproxy.uri(), jobReport("Dental", "warm-up", "nightly", "w", "success", T0));
    for (ExporterProcess replica : replicas) {
      scrape(replica.uri());
    }
    List<Long> convergence = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      Instant end = T0.plusSeconds(n);
      HttpResponse<String> ack = push(haproxy.uri(), jobReport("Dental", "fs0" + n % 3, "nightly", "r" + n, "success", end));
      assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
      long acked = System.nanoTime();
      for (ExporterProcess replica : replicas) {
        awaitLastRun(replica.uri(), "fs0" + n % 3, end, acked);
      }
      convergence.add((System.nanoTime() - acked) / 1_000_000);
    }
    System.out.println("ReplicasIT: both replicas showed each push after (ms) " + convergence);
    assertThat(jobSamples(replicas[0].uri())).isEqualTo(jobSamples(replicas[1].uri()));
  }

  @Test
  void killingOneReplicaUnderLoadLosesNoAcknowledgedPushAndTheRestartedOneCatchesUp() throws Exception {
    Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    Map<String, Instant> newestEnd = new ConcurrentHashMap<>();
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicInteger next = new AtomicInteger();
    List<Thread> loaders = new ArrayList<>();
    for (int l = 0; l < 3; l++) {
      String device = "dev" + l;
      Thread loader = new Thread(() -> {
        while (loading.get()) {
          int n = next.incrementAndGet();
          Instant end = T0.plusMillis(n);
          try {
            HttpResponse<String> ack = push(haproxy.uri(), jobReport("Dental", device, "nightly", "r" + n, "success", end));
            if (ack.statusCode() == 200) {
              acknowledged.computeIfAbsent(device, d -> ConcurrentHashMap.newKeySet()).add("r" + n);
              newestEnd.merge(device, end, (a, b) -> a.isAfter(b) ? a : b);
            }
          } catch (IOException | InterruptedException e) {
            // not acknowledged: the agent would send it again
          }
        }
      }, "loader-" + l);
      loader.start();
      loaders.add(loader);
    }
    Thread.sleep(1_500);
    replicas[0].kill9();
    int before = next.get();
    Thread.sleep(2_500);
    assertThat(next.get() - before).as("pushes went on through the other replica").isGreaterThan(10);
    replicas[0] = startReplica(0);
    Thread.sleep(1_500);
    loading.set(false);
    for (Thread loader : loaders) {
      loader.join(30_000);
    }

    long count = acknowledged.values().stream().mapToLong(Set::size).sum();
    System.out.println("ReplicasIT: " + count + " pushes acknowledged through the balancer around the kill");
    try (Store store = PostgresStore.open(database)) {
      Map<String, Set<String>> stored = new TreeMap<>();
      store.runs(HistoryScope.tenant("acme"), Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)))
          .forEach(run -> stored.computeIfAbsent(run.key().device(), d -> new TreeSet<>()).add(run.runId()));
      acknowledged.forEach((device, runs) -> assertThat(stored.get(device)).as("runs of %s", device).containsAll(runs));
    }
    long acked = System.nanoTime();
    for (ExporterProcess replica : replicas) {
      for (Map.Entry<String, Instant> device : newestEnd.entrySet()) {
        awaitLastRun(replica.uri(), device.getKey(), device.getValue(), acked);
      }
    }
    assertThat(jobSamples(replicas[0].uri())).as("the restarted replica agrees with the survivor")
        .isEqualTo(jobSamples(replicas[1].uri()));
  }

  @Test
  void oneReplicaPollsAtATimeBothExportWhatItFoundAndTheSurvivorTakesOverWhenItDies() throws Exception {
    for (ExporterProcess replica : replicas) {
      awaitChainDepth(replica.uri(), 5, Duration.ofSeconds(15));
    }
    Thread.sleep(3_000);
    double[] polls = {polls(replicas[0].uri()), polls(replicas[1].uri())};
    assertThat(polls).as("polls of each replica").containsOnlyOnce(0.0);
    int leader = polls[0] > 0 ? 0 : 1;
    int survivor = 1 - leader;
    assertThat(connector.getAllServeEvents().size()).as("requests the connector got, against the polls both counted")
        .isLessThanOrEqualTo((int) (polls[0] + polls[1]) + 1);

    replicas[leader].kill9();
    long killed = System.nanoTime();
    connector.stubFor(get(INVENTORY).willReturn(okJson(Inventories.sample().replace("\"depth\":5", "\"depth\":6"))));
    awaitChainDepth(replicas[survivor].uri(), 6, LEASE.plusSeconds(10));
    System.out.println("ReplicasIT: the survivor polled and exported the new inventory " + (System.nanoTime() - killed) / 1_000_000
        + " ms after the polling replica was killed");
    assertThat(polls(replicas[survivor].uri())).as("polls of the survivor").isPositive();

    replicas[leader] = startReplica(leader);
    awaitChainDepth(replicas[leader].uri(), 6, Duration.ofSeconds(2));
    Thread.sleep(3_000);
    assertThat(polls(replicas[leader].uri())).as("polls of the restarted replica while the survivor holds the lease").isZero();
  }

  private static double polls(URI replica) throws IOException, InterruptedException {
    return scrape(replica).samples("vigil_poll_requests_total").stream().mapToDouble(Exposition.Sample::value).sum();
  }

  private static void awaitChainDepth(URI replica, int depth, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    double shown = -1;
    while (System.nanoTime() < deadline) {
      shown = scrape(replica).find("vigil_chain_depth", "connector", "img01", "folder", "acme/SRV01")
          .map(Exposition.Sample::value).orElse(-1.0);
      if (shown == depth) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(replica + " shows chain depth " + shown + ", not " + depth + ", after " + within.toSeconds() + " s");
  }

  private static HttpResponse<String> push(URI uri, String body) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri.resolve("/api/v1/job-reports")).header("Authorization", "Bearer push-key")
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(40)).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Exposition scrape(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri.resolve("/metrics")).header("Authorization", "Bearer admin-key")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Exposition.parse(response.body());
  }

  /** Waits until the replica shows the job's newest run ending at {@code end}; fails after a second from the ack. */
  private static void awaitLastRun(URI replica, String device, Instant end, long ackedNanos) throws Exception {
    double expected = end.toEpochMilli() / 1000.0;
    while (true) {
      double shown = scrape(replica).find("vigil_job_last_run_timestamp_seconds", "device", device, "backup_job", "nightly")
          .map(Exposition.Sample::value).orElse(-1.0);
      if (shown == expected) {
        return;
      }
      if (System.nanoTime() - ackedNanos > AGREEMENT.toNanos()) {
        throw new AssertionError(replica + " shows " + shown + " as the last run of " + device + ", not " + expected + ", "
            + AGREEMENT.toMillis() + " ms after the acknowledgement");
      }
      Thread.sleep(20);
    }
  }

  /** The job samples that do not move with the clock, as lines. */
  private static Set<String> jobSamples(URI replica) throws IOException, InterruptedException {
    Set<String> lines = new TreeSet<>();
    for (String line : scrape(replica).text().split("\n")) {
      if (line.startsWith("vigil_job_") && !line.startsWith("vigil_job_since_last_success_seconds")) {
        lines.add(line);
      }
    }
    return lines;
  }
}
