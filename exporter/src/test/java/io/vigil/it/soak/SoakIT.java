package io.vigil.it.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.http.Authenticator;
import io.vigil.push.PushKind;
import io.vigil.testsupport.ExporterProcess;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.Promtool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load held: the exporter jar under a mixed soak of steady pushers on two tenants, scrapers of /metrics
 * and both tenants' endpoints, and a connector that flaps between up, 5xx, too slow and malformed. No
 * request may fail, no acknowledged push may be lost, the connector must show up exactly after good
 * polls, and live heap, threads and file descriptors must stay flat from the end of the warm-up to the
 * end. The numbers go to target/soak-report.md. {@code -Dsoak.seconds} (default 60) runs it longer, up
 * to about two hours, when the pushed run times would reach the present.
 */
class SoakIT {
  static final Duration SOAK = Duration.ofSeconds(Integer.getInteger("soak.seconds", 60));
  /** Long enough for every job and device to exist and the connector to go once through its cycle (about 20 s). */
  static final Duration WARM_UP = Duration.ofSeconds(Math.min(20, SOAK.toSeconds() / 3));
  static final Duration PUSH_PERIOD = Duration.ofMillis(20);
  static final Duration SCRAPE_PERIOD = Duration.ofSeconds(1);
  static final long POLL_INTERVAL_SECONDS = 3;
  static final long POLL_TIMEOUT_SECONDS = 2;
  static final String ADMIN = "soak-admin";

  /**
   * The fleet is complete after the warm-up and its history lives in SQLite, not the heap, so what
   * survives a full GC should not grow at all: measured +0.05 to +0.11 MiB on 12 to 15 MiB. 2 MiB
   * (about 15 %) is 20 times that noise, yet a leak of one small object per push shows: some 14,000
   * reports, heartbeats and events arrive after a 60 s soak's warm-up, so it allows under 150 bytes each.
   */
  static final long HEAP_GROWTH_BOUND = 2L << 20;
  /** Jetty's pool grows and shrinks by a thread or two with the concurrency of the moment (measured: -1 to +2). */
  static final int THREAD_SLACK = 5;
  /** A connection may be opening or closing at the moment of a sample (measured: 0 to +1). */
  static final int FD_SLACK = 4;

  @TempDir
  static Path dir;
  static FlappingConnector connector;
  static ExporterProcess exporter;
  static Http http;
  static final Problems problems = new Problems();
  static final Latencies pushLatencies = new Latencies();
  static final Latencies scrapeLatencies = new Latencies();
  static final List<Pusher> pushers = new ArrayList<>();
  static final List<Scraper> scrapers = new ArrayList<>();
  static volatile boolean running = true;
  static Health afterWarmUp;
  static Health atEnd;
  static Duration loadTime;
  static Exposition last;

  @BeforeAll
  static void soak() throws Exception {
    connector = new FlappingConnector(POLL_TIMEOUT_SECONDS);
    exporter = ExporterProcess.start(dir, Map.of(), "--config", writeConfig().toString(), "--data-dir", dir.resolve("data").toString());
    http = new Http(exporter.uri());
    Instant firstEnd = Instant.now().minus(Duration.ofHours(6));
    for (int i = 0; i < 4; i++) {
      String tenant = i % 2 == 0 ? "acme" : "globex";
      pushers.add(new Pusher(tenant, "customer" + i, http, problems, pushLatencies, firstEnd));
    }
    scrapers.add(new Scraper("/metrics", ADMIN, http, problems, scrapeLatencies));
    scrapers.add(new Scraper("/tenants/acme/metrics", "acme-read", http, problems, scrapeLatencies));
    scrapers.add(new Scraper("/tenants/globex/metrics", "globex-read", http, problems, scrapeLatencies));

    ExecutorService threads = Executors.newFixedThreadPool(pushers.size() + scrapers.size());
    List<Future<?>> load = new ArrayList<>();
    long t0 = System.nanoTime();
    pushers.forEach(p -> load.add(threads.submit(() -> {
      p.run(PUSH_PERIOD, () -> running);
      return null;
    })));
    scrapers.forEach(s -> load.add(threads.submit(() -> {
      s.run(SCRAPE_PERIOD, () -> running);
      return null;
    })));
    threads.shutdown();
    Thread.sleep(WARM_UP.toMillis());
    afterWarmUp = Health.sample(exporter.pid(), http, ADMIN);
    Thread.sleep(Math.max(0, SOAK.toNanos() - (System.nanoTime() - t0)) / 1_000_000);
    atEnd = Health.sample(exporter.pid(), http, ADMIN);
    running = false;
    for (Future<?> f : load) {
      f.get(30, TimeUnit.SECONDS);
    }
    loadTime = Duration.ofNanos(System.nanoTime() - t0);
    last = Exposition.parse(http.get("/metrics", ADMIN).body());

    String report = new SoakReport(loadTime, WARM_UP, pushers, pushLatencies, scrapeLatencies, problems, connector.polls(),
        scrapers.get(0).connector, afterWarmUp, atEnd).markdown();
    Files.writeString(Path.of("target", "soak-report.md"), report);
    System.out.println(report);
  }

  /** Tenants acme and globex with a push and a read key each; acme polls the flapping connector. */
  static Path writeConfig() throws Exception {
    String tenant = """
          - account: %s
            keys:
              - {role: push, sha256: %s}
              - {role: read, sha256: %s}
        """;
    String yaml = "admin_keys: [{sha256: %s}]\ntenants:\n".formatted(Authenticator.sha256Hex(ADMIN))
        + tenant.formatted("acme", Authenticator.sha256Hex("acme-push"), Authenticator.sha256Hex("acme-read"))
        + """
            connectors:
              - {name: img01, url: "%s", token: %s, interval_seconds: %d, timeout_seconds: %d}
        """.formatted(connector.url(), FlappingConnector.TOKEN, POLL_INTERVAL_SECONDS, POLL_TIMEOUT_SECONDS)
        + tenant.formatted("globex", Authenticator.sha256Hex("globex-push"), Authenticator.sha256Hex("globex-read"));
    return Files.writeString(dir.resolve("vigil.yml"), yaml);
  }

  @AfterAll
  static void stop() throws Exception {
    running = false;
    if (exporter != null) {
      exporter.close();
    }
    if (connector != null) {
      connector.close();
    }
  }

  @Test
  void everyPushAndScrapeWasAnswered200AndEveryScrapeParsed() {
    assertThat(problems.count()).as("failed requests, the first of them: %s", problems.first()).isZero();
  }

  @Test
  void theLoadWasHeldAtTheIntendedRate() {
    long requests = pushers.stream().mapToLong(p -> p.ackedRequests.values().stream().mapToLong(Long::longValue).sum()).sum();
    double intended = pushers.size() * (double) loadTime.toNanos() / PUSH_PERIOD.toNanos();
    assertThat(requests).as("pushes acknowledged of %.0f intended", intended).isGreaterThan((long) (0.9 * intended));
    assertThat(scrapeLatencies.count()).isGreaterThan((int) (0.8 * scrapers.size() * loadTime.toSeconds()));
  }

  @Test
  void everyAcknowledgedRunIsInTheRunHistory() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (Pusher pusher : pushers) {
      for (Map.Entry<Pusher.Job, List<Pusher.AckedRun>> job : pusher.acked.entrySet()) {
        String query = "/tenants/%s/runs?customer=%s&device=%s&job=%s".formatted(pusher.tenant, encode(pusher.customer),
            encode(job.getKey().device()), encode(job.getKey().job()));
        Http.Answer answer = http.get(query, pusher.tenant + "-read");
        assertThat(answer.status()).as(query).isEqualTo(200);
        Set<String> stored = new HashSet<>();
        json.readTree(answer.body()).get("runs").forEach(run -> stored.add(run.get("run_id").asText()));
        List<String> acked = job.getValue().stream().map(Pusher.AckedRun::runId).toList();
        assertThat(acked).as("acknowledged runs missing from %s", query).filteredOn(id -> !stored.contains(id)).isEmpty();
        assertThat(stored).as("runs stored for %s", query).hasSameSizeAs(acked);
      }
    }
  }

  @Test
  void jobStatusesAndRunCountsMatchTheAcknowledgedReports() {
    for (Pusher pusher : pushers) {
      for (Map.Entry<Pusher.Job, List<Pusher.AckedRun>> job : pusher.acked.entrySet()) {
        String[] labels = {"tenant", pusher.tenant, "customer", pusher.customer, "device", job.getKey().device(),
            "backup_job", job.getKey().job()};
        List<Pusher.AckedRun> runs = job.getValue();
        String newest = runs.get(runs.size() - 1).status();
        assertThat(last.jobStatus(labels)).as("status of %s", List.of(labels)).isEqualTo(newest.equals("success") ? "ok" : newest);
        for (String result : List.of("success", "warning", "failed")) {
          assertThat(last.find("vigil_job_runs_total", concat(labels, "result", result)).map(Exposition.Sample::value).orElse(0.0))
              .as("%s runs of %s", result, List.of(labels)).isEqualTo(runs.stream().filter(r -> r.status().equals(result)).count());
        }
      }
    }
  }

  @Test
  void deviceErrorsAreTheLastAcknowledgedEventsAndDevicesAreUp() {
    for (Pusher pusher : pushers) {
      for (String device : pusher.devices) {
        String[] labels = {"tenant", pusher.tenant, "customer", pusher.customer, "device", device};
        assertThat(last.value("vigil_device_up", labels)).as("%s is up", device).isEqualTo(1);
        for (String error : Pusher.ERRORS) {
          boolean raised = pusher.raised.getOrDefault(device + "/" + error, false);
          assertThat(last.find("vigil_device_error_active", concat(labels, "error", error)).map(Exposition.Sample::value).orElse(0.0))
              .as("%s of %s", error, device).isEqualTo(raised ? 1.0 : 0.0);
        }
      }
    }
  }

  @Test
  void theExporterCountedEveryPushAsAccepted() {
    for (PushKind kind : List.of(PushKind.JOB_REPORT, PushKind.HEARTBEAT, PushKind.EVENT, PushKind.BATCH)) {
      long acked = pushers.stream().mapToLong(p -> p.ackedRequests.getOrDefault(kind, 0L)).sum();
      double counted = last.samples("vigil_push_requests_total").stream()
          .filter(s -> s.labels().get("kind").equals(kind.label()) && s.labels().get("result").equals("accepted"))
          .mapToDouble(Exposition.Sample::value).sum();
      assertThat(counted).as("%s, summed over the tenants", kind.label()).isEqualTo(acked);
    }
    assertThat(last.samples("vigil_push_requests_total")).filteredOn(s -> !s.labels().get("result").equals("accepted"))
        .allSatisfy(s -> assertThat(s.value()).as("%s", s.labels()).isZero());
  }

  @Test
  void theConnectorIsUpExactlyAfterAGoodPollAndKeepsItsChainsWhileDown() {
    List<FlappingConnector.Poll> polls = connector.polls();
    List<Scraper.ConnectorSeen> seen = Stream.of(scrapers.get(0), scrapers.get(1)).flatMap(s -> s.connector.stream()).toList();
    assertThat(seen).isNotEmpty();
    for (Scraper.ConnectorSeen s : seen) {
      FlappingConnector.Poll poll = nearest(polls, s);
      // Polls start at least 0.9 intervals apart (jitter), so within half of that the match is unambiguous;
      // the first poll may reach the connector late while the exporter loads its HTTP client.
      assertThat(distance(poll, s)).as("the connector saw the poll started at %.3f (nearest: %s)", s.lastPollSeconds(), poll)
          .isLessThan(0.45 * POLL_INTERVAL_SECONDS);
      assertThat(s.up()).as("vigil_connector_up after a poll answered %s", poll.answer()).isEqualTo(poll.up());
      assertThat(s.chainDepth()).as("the last good chain depth, after a poll answered %s", poll.answer()).isEqualTo(5.0);
    }
    assertThat(seen.stream().map(s -> nearest(polls, s).answer()).distinct())
        .as("scrapes saw the connector after each kind of answer")
        .containsExactlyInAnyOrderElementsOf(FlappingConnector.CYCLE.stream().distinct().toList());
  }

  @Test
  void liveHeapAfterAFullGcStaysFlat() {
    assertThat(atEnd.liveHeapBytes() - afterWarmUp.liveHeapBytes())
        .as("live heap grew from %d to %d bytes; grown most: %s", afterWarmUp.liveHeapBytes(), atEnd.liveHeapBytes(),
            atEnd.growthSince(afterWarmUp, 5))
        .isLessThanOrEqualTo(HEAP_GROWTH_BOUND);
  }

  @Test
  void threadsAndOpenFileDescriptorsStayFlat() {
    assertThat(atEnd.threads()).as("threads").isLessThanOrEqualTo(afterWarmUp.threads() + THREAD_SLACK);
    assertThat(atEnd.openFds()).as("open file descriptors").isLessThanOrEqualTo(afterWarmUp.openFds() + FD_SLACK);
  }

  @Test
  void theLastScrapesPassPromtool() throws Exception {
    for (Scraper scraper : scrapers) {
      Promtool.assertValidExposition(scraper.lastText());
    }
  }

  /** The poll the connector answered whose arrival is nearest the start of the newest poll a scrape showed. */
  static FlappingConnector.Poll nearest(List<FlappingConnector.Poll> polls, Scraper.ConnectorSeen seen) {
    return polls.stream().min(Comparator.comparingDouble(p -> distance(p, seen))).orElseThrow();
  }

  static double distance(FlappingConnector.Poll poll, Scraper.ConnectorSeen seen) {
    return Math.abs(poll.at().toEpochMilli() / 1000.0 - seen.lastPollSeconds());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String[] concat(String[] labels, String... more) {
    return Stream.concat(Stream.of(labels), Stream.of(more)).toArray(String[]::new);
  }
}
