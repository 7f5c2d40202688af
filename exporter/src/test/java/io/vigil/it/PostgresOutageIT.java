package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.PoolConfig;
import io.vigil.config.StoreConfig;
import io.vigil.config.VigilConfig;
import io.vigil.store.HistoryScope;
import io.vigil.store.PostgresStore;
import io.vigil.store.Store;
import io.vigil.testsupport.PostgresServer;
import io.vigil.testsupport.RunningExporter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real PostgreSQL stopped and started again under a steady load of pushes to an exporter over it: while it is
 * down every push is answered 503 (never 200) and scrapes serve the last known state with vigil_store_healthy 0;
 * when it is back the same exporter, not restarted, acknowledges pushes again, and every push acknowledged before,
 * during or after the outage is in the database.
 */
class PostgresOutageIT {
  private static final Instant T0 = Instant.now().minus(Duration.ofHours(1));
  private static final Duration RECOVERY = Duration.ofSeconds(20);

  @TempDir
  Path dir;
  private PostgresServer postgres;
  private StoreConfig database;

  @BeforeEach
  void startPostgres() throws Exception {
    postgres = PostgresServer.start();
    // A short wait for a connection, so a push during the outage is answered soon.
    database = postgres.newDatabase().withPool(new PoolConfig(4, 1));
  }

  @AfterEach
  void stopPostgres() throws Exception {
    postgres.close();
  }

  /** A push answered with its status and when it was sent and answered. */
  record Answer(String runId, int status, long sentNanos, long answeredNanos) {}

  @Test
  void pushesGet503WhileTheDatabaseIsDownAndTheSameExporterRecoversWhenItIsBack() throws Exception {
    VigilConfig base = RunningExporter.config(dir);
    VigilConfig config = new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), base.defaults(), base.limits(),
        base.tenants(), null, null, database);
    try (RunningExporter vigil = RunningExporter.start(config, null, Clock.systemUTC())) {
      // Ready once its listener has caught up with the database (healthy only then), as after the outage below.
      awaitStatus(vigil, "/-/ready", 200);
      vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "before", "success", T0));
      assertThat(vigil.metrics().value("vigil_store_healthy")).isEqualTo(1.0);

      ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
      AtomicBoolean loading = new AtomicBoolean(true);
      AtomicInteger next = new AtomicInteger();
      List<Thread> loaders = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Thread loader = new Thread(() -> load(vigil, loading, next, answers), "loader-" + i);
        loader.start();
        loaders.add(loader);
      }
      Thread.sleep(1_000);

      postgres.stopServer();
      long down = System.nanoTime();
      awaitStatus(vigil, "/-/ready", 503);
      Thread.sleep(2_000);
      HttpResponse<String> push = vigil.post("/api/v1/job-reports", "acme-push",
          jobReport("Dental", "fs01", "nightly", "during", "success", T0.plusSeconds(1)));
      assertThat(push.statusCode()).as(push.body()).isEqualTo(503);
      var scrape = vigil.metrics();
      assertThat(scrape.value("vigil_store_healthy")).as("while PostgreSQL is down").isZero();
      assertThat(scrape.value("vigil_job_last_run_timestamp_seconds", "device", "fs01", "backup_job", "nightly"))
          .as("the last known state is still served").isEqualTo(T0.toEpochMilli() / 1000.0);
      long up = System.nanoTime();
      postgres.startServer();

      awaitStatus(vigil, "/-/ready", 200);
      vigil.push("/api/v1/job-reports", "acme-push", jobReport("Dental", "fs01", "nightly", "after", "success", T0.plusSeconds(2)));
      assertThat(vigil.metrics().value("vigil_store_healthy")).as("after PostgreSQL is back").isEqualTo(1.0);
      Thread.sleep(1_000);
      loading.set(false);
      for (Thread loader : loaders) {
        loader.join();
      }

      assertThat(answers).extracting(Answer::status).as("every push is acknowledged or refused with 503").containsOnly(200, 503);
      assertThat(answers).filteredOn(a -> a.sentNanos() > down && a.answeredNanos() < up).as("pushes while PostgreSQL was down")
          .isNotEmpty().allSatisfy(a -> assertThat(a.status()).isEqualTo(503));
      assertThat(answers).filteredOn(a -> a.answeredNanos() > up && a.status() == 200).as("pushes acknowledged after recovery")
          .isNotEmpty();
      Set<String> acknowledged = new TreeSet<>(List.of("before", "after"));
      answers.stream().filter(a -> a.status() == 200).forEach(a -> acknowledged.add(a.runId()));
      try (Store store = PostgresStore.open(database)) {
        Set<String> stored = new TreeSet<>();
        store.runs(HistoryScope.tenant("acme"), Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)))
            .forEach(run -> stored.add(run.runId()));
        assertThat(stored).as("no acknowledged push is lost").containsAll(acknowledged);
      }
    }
  }

  private static void load(RunningExporter vigil, AtomicBoolean loading, AtomicInteger next, ConcurrentLinkedQueue<Answer> answers) {
    while (loading.get()) {
      int n = next.incrementAndGet();
      String runId = "load-" + n;
      long sent = System.nanoTime();
      try {
        HttpResponse<String> response = vigil.post("/api/v1/job-reports", "acme-push",
            jobReport("Dental", "load" + n % 5, "nightly", runId, "success", T0.plusMillis(n)));
        answers.add(new Answer(runId, response.statusCode(), sent, System.nanoTime()));
        if (response.statusCode() != 200) {
          Thread.sleep(50);
        }
      } catch (Exception e) {
        answers.add(new Answer(runId, -1, sent, System.nanoTime()));
      }
    }
  }

  private static void awaitStatus(RunningExporter vigil, String path, int status) throws Exception {
    Instant deadline = Instant.now().plus(RECOVERY);
    int last = -1;
    while (Instant.now().isBefore(deadline)) {
      last = vigil.get(path, null).statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(path + " did not answer " + status + " within " + RECOVERY.toSeconds() + " s (last: " + last + ")");
  }
}
