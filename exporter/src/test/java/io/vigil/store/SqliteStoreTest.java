package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
  static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
  static final JobKey JOB = new JobKey("acme", "Dental \"East\"", "fs01", "nightly");
  static final DeviceKey DEVICE = new DeviceKey("acme", "Dental \"East\"", "nvr01");

  @TempDir
  Path dir;

  static JobRun run(String id, Instant end) {
    return new JobRun(JOB, id, JobResult.SUCCESS, end.minusSeconds(60), end, 5, 1, 0, 0, "ok", Duration.ofHours(30), "Img 8");
  }

  @Test
  void committedStateAndHistorySurviveReopening() throws Exception {
    JobState job = JobState.first(run("r1", T0), T0);
    DeviceState device = DeviceState.empty(DEVICE, T0)
        .apply(new Heartbeat(DEVICE, T0, Duration.ofSeconds(30), "Rec", "1"), T0)
        .apply(new ErrorEvent(DEVICE, DeviceError.DISK_FULL, true, T0, "full", ClearedBy.EVENT), T0);
    try (SqliteStore store = SqliteStore.open(dir); Transaction tx = store.begin()) {
      assertThat(tx.insertRun(run("r1", T0), T0)).isTrue();
      tx.putJob(job);
      tx.putDevice(device);
      tx.commit();
    }
    try (SqliteStore store = SqliteStore.open(dir)) {
      Snapshot snapshot = store.load();
      assertThat(snapshot.jobs()).containsExactly(job);
      assertThat(snapshot.devices()).containsExactly(device);
      assertThat(store.runs(JOB, T0.minusSeconds(1), T0.plusSeconds(1))).containsExactly(run("r1", T0));
    }
  }

  @Test
  void theSameRunIdIsStoredOnce() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir); Transaction tx = store.begin()) {
      assertThat(tx.insertRun(run("r1", T0), T0)).isTrue();
      assertThat(tx.insertRun(run("r1", T0), T0)).isFalse();
      tx.commit();
    }
  }

  @Test
  void aTransactionClosedWithoutCommitLeavesNothing() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir)) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run("r1", T0), T0);
        tx.putJob(JobState.first(run("r1", T0), T0));
      }
      assertThat(store.load().jobs()).isEmpty();
      assertThat(store.runs(JOB, T0.minusSeconds(1), T0.plusSeconds(1))).isEmpty();
    }
  }

  @Test
  void pruningDropsOnlyHistoryOlderThanTheCutoff() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir)) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run("old", T0.minus(Duration.ofDays(500))), T0);
        tx.insertRun(run("new", T0), T0);
        assertThat(tx.pruneHistory(T0.minus(Duration.ofDays(400)))).isEqualTo(1);
        tx.commit();
      }
      assertThat(store.runs(JOB, Instant.EPOCH, T0.plusSeconds(1))).extracting(JobRun::runId).containsExactly("new");
    }
  }

  /** Run ids sort the other way round from end times here, so only the ORDER BY puts them in order. */
  @Test
  void runsComeBackOldestFirstWithinTheWindow() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir)) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run("a", T0.plusSeconds(30)), T0);
        tx.insertRun(run("b", T0.plusSeconds(20)), T0);
        tx.insertRun(run("c", T0.plusSeconds(10)), T0);
        tx.insertRun(run("d", T0), T0);
        tx.insertRun(new JobRun(new JobKey("acme", "Dental \"East\"", "fs01", "weekly"), "w", JobResult.SUCCESS, T0, T0.plusSeconds(15),
            1, 1, 0, 0, null, null, null), T0);
        tx.commit();
      }
      assertThat(store.runs(JOB, T0.plusSeconds(5), T0.plusSeconds(30))).extracting(JobRun::runId).containsExactly("c", "b");
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsAClearError() throws Exception {
    Files.writeString(dir.resolve(SqliteStore.FILE_NAME), "this is not sqlite ".repeat(100));
    assertThatThrownBy(() -> SqliteStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(SqliteStore.FILE_NAME);
  }
}
