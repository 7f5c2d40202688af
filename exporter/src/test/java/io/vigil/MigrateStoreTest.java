package io.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.StoreConfig;
import io.vigil.model.ClearedBy;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.ErrorEvent;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.Outage;
import io.vigil.store.HistoryScope;
import io.vigil.store.PostgresStore;
import io.vigil.store.SqliteStore;
import io.vigil.store.Store;
import io.vigil.store.Transaction;
import io.vigil.testsupport.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code migrate-store} copies an SQLite store into an empty PostgreSQL one the test starts, and nothing is lost. */
class MigrateStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
  private static final Instant ALL_FROM = Instant.EPOCH;
  private static final Instant ALL_TO = T0.plus(Duration.ofDays(30));
  private static PostgresServer postgres;

  @TempDir
  Path dir;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @Test
  void everyJobDeviceRunAndEventIsCopied() throws Exception {
    Path sqlite = dir.resolve("data");
    List<String> tenants = List.of("acme", "globex");
    List<JobState> jobs = new ArrayList<>();
    List<DeviceState> devices = new ArrayList<>();
    try (SqliteStore store = SqliteStore.open(sqlite)) {
      for (String tenant : tenants) {
        // More rows than one copy transaction holds (2,000), so the batches join up.
        for (int j = 0; j < 30; j++) {
          JobKey key = new JobKey(tenant, "Dental \"East\"", "fs" + j, "nightly");
          JobState job = null;
          try (Transaction tx = store.begin()) {
            for (int r = 0; r < 40; r++) {
              Instant end = T0.plus(Duration.ofHours(r));
              JobRun run = new JobRun(key, "r" + r, r % 7 == 0 ? JobResult.FAILED : JobResult.SUCCESS, end.minusSeconds(60), end, r, r,
                  r % 7 == 0 ? 1 : 0, 0, r % 2 == 0 ? "msg " + r : null, r % 3 == 0 ? Duration.ofHours(30) : null, "Img 8");
              tx.insertRun(run, end.plusSeconds(1));
              job = job == null ? JobState.first(run, end) : job.apply(run, end, (k, after) -> 0);
            }
            tx.putJob(job);
            tx.commit();
          }
          jobs.add(job);
        }
        DeviceKey nvr = new DeviceKey(tenant, "Law Office", "nvr01");
        DeviceState device = DeviceState.empty(nvr, T0).apply(new Heartbeat(nvr, T0, Duration.ofSeconds(30), "Rec", "1"), T0);
        try (Transaction tx = store.begin()) {
          for (int e = 0; e < 20; e++) {
            ErrorEvent event = new ErrorEvent(nvr, DeviceError.values()[e % DeviceError.values().length], e % 2 == 0,
                T0.plusSeconds(e / 2), e % 2 == 0 ? "cam " + e : null, e % 3 == 0 ? ClearedBy.HEARTBEAT : ClearedBy.EVENT);
            tx.insertEvent(event, T0.plusSeconds(e));
            device = device.apply(event, T0.plusSeconds(e));
          }
          for (int o = 0; o < 3; o++) {
            tx.insertOutage(new Outage(nvr, T0.plus(Duration.ofHours(o)), T0.plus(Duration.ofHours(o)).plusSeconds(600)));
          }
          tx.putDevice(device);
          tx.commit();
        }
        devices.add(device);
      }
      // A retired job keeps its history: that is copied too.
      try (Transaction tx = store.begin()) {
        tx.deleteJob(jobs.remove(0).key());
        tx.commit();
      }
    }
    List<List<JobRun>> runs = new ArrayList<>();
    List<List<ErrorEvent>> events = new ArrayList<>();
    List<List<Outage>> outages = new ArrayList<>();
    try (SqliteStore store = SqliteStore.open(sqlite)) {
      for (String tenant : tenants) {
        runs.add(store.runs(HistoryScope.tenant(tenant), ALL_FROM, ALL_TO));
        events.add(store.events(HistoryScope.tenant(tenant), ALL_FROM, ALL_TO));
        outages.add(store.outages(HistoryScope.tenant(tenant), ALL_FROM, ALL_TO));
      }
    }
    StoreConfig target = postgres.newDatabase();
    Path config = Files.writeString(dir.resolve("vigil.yml"), "store:\n  type: postgresql\n  url: " + target.url() + "\n  user: "
        + target.user() + "\n  password_file: " + target.passwordFile() + "\n");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(migrate(sqlite, config, out)).as("exit code; output: %s", out).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("copied 59 job(s), 2 device(s), 2400 run(s), 40 event(s) and 6 outage(s)");

    try (Store copy = PostgresStore.open(target)) {
      assertThat(copy.load().jobs()).containsExactlyInAnyOrderElementsOf(jobs);
      assertThat(copy.load().devices()).containsExactlyInAnyOrderElementsOf(devices);
      for (int i = 0; i < tenants.size(); i++) {
        assertThat(copy.runs(HistoryScope.tenant(tenants.get(i)), ALL_FROM, ALL_TO)).containsExactlyElementsOf(runs.get(i));
        assertThat(copy.events(HistoryScope.tenant(tenants.get(i)), ALL_FROM, ALL_TO)).containsExactlyElementsOf(events.get(i));
        assertThat(copy.outages(HistoryScope.tenant(tenants.get(i)), ALL_FROM, ALL_TO)).hasSize(3)
            .containsExactlyElementsOf(outages.get(i));
      }
    }
  }

  @Test
  void aDatabaseThatAlreadyHoldsDataIsRefused() throws Exception {
    Path sqlite = dir.resolve("data");
    JobKey key = new JobKey("acme", "c", "d", "j");
    try (SqliteStore store = SqliteStore.open(sqlite); Transaction tx = store.begin()) {
      tx.insertRun(new JobRun(key, "r1", JobResult.SUCCESS, T0, T0, 0, 0, 0, 0, null, null, null), T0);
      tx.commit();
    }
    StoreConfig target = postgres.newDatabase();
    Path config = Files.writeString(dir.resolve("vigil.yml"), "store:\n  type: postgresql\n  url: " + target.url() + "\n  user: "
        + target.user() + "\n  password_file: " + target.passwordFile() + "\n");
    assertThat(migrate(sqlite, config, new ByteArrayOutputStream())).isZero();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(migrate(sqlite, config, new ByteArrayOutputStream())).isEqualTo(3);
    } finally {
      System.setErr(before);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("already holds data");
  }

  private static int migrate(Path from, Path config, ByteArrayOutputStream out) {
    PrintStream before = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(new Main()).execute("migrate-store", "--from", from.toString(), "--to", config.toString());
    } finally {
      System.setOut(before);
    }
  }
}
