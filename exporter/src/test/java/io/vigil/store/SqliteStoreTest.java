package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

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
import io.vigil.testsupport.ScratchDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
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
  void aMissingStoreFileInAnExistingDataDirectoryStartsEmpty() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "the operator's own file");
    try (SqliteStore store = SqliteStore.open(dir)) {
      assertThat(store.load().jobs()).isEmpty();
    }
    assertThat(dir.resolve(SqliteStore.FILE_NAME)).exists();
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedAndLeftAsItWas() throws Exception {
    assertRefusedAndUntouched("this is not sqlite ".repeat(100).getBytes(), "not a database");
  }

  @Test
  void aTruncatedStoreIsRefusedAndLeftAsItWas() throws Exception {
    byte[] store = aStoreWithHistory();
    assertRefusedAndUntouched(Arrays.copyOf(store, store.length / 2), "malformed");
  }

  @Test
  void garbageInTheMiddleOfAPageIsFoundByTheCheckAtStart() throws Exception {
    byte[] store = aStoreWithHistory();
    int page = 4096;
    int middle = (store.length / page / 2) * page + page / 2;
    for (int i = middle - 512; i < middle + 512; i++) {
      store[i] ^= (byte) 0xA5;
    }
    assertRefusedAndUntouched(store, "quick_check");
  }

  @Test
  void aStoreFromANewerVigilIsRefused() throws Exception {
    SqliteStore.open(dir).close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
        Statement st = connection.createStatement()) {
      st.executeUpdate("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> SqliteStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(SqliteStore.FILE_NAME)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("newer Vigil");
  }

  @Test
  void afterADiskFullFailureTheNextTransactionIsAtomicAgain() throws Exception {
    try (ScratchDisk disk = ScratchDisk.tmpfs(dir.resolve("disk"), "1m"); SqliteStore store = SqliteStore.open(disk.root())) {
      try (Transaction tx = store.begin()) {
        tx.insertRun(run("before", T0), T0);
        tx.commit();
      }
      disk.fill();
      assertThatThrownBy(() -> {
        try (Transaction tx = store.begin()) {
          for (int i = 0; i < 2_000; i++) {
            tx.insertRun(run("lost-" + i, T0.plusSeconds(i)), T0);
          }
          tx.commit();
        }
      }).isInstanceOf(StoreException.class).hasMessageContaining("SQLITE_FULL");
      disk.free();

      try (Transaction tx = store.begin()) {
        tx.insertRun(run("rolled-back", T0.plusSeconds(1)), T0);
        tx.putJob(JobState.first(run("rolled-back", T0.plusSeconds(1)), T0));
      }
      try (Transaction tx = store.begin()) {
        tx.insertRun(run("after", T0.plusSeconds(2)), T0);
        tx.commit();
      }
      assertThat(store.load().jobs()).isEmpty();
      assertThat(store.runs(JOB, Instant.EPOCH, T0.plus(Duration.ofDays(1)))).extracting(JobRun::runId)
          .containsExactly("before", "after");
    }
  }

  @Test
  void aCommitAfterTheStoreFileWasDeletedFailsAndTheStoreSaysWhy() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir)) {
      assertThat(store.fault()).isEmpty();
      Files.delete(dir.resolve(SqliteStore.FILE_NAME));
      assertThat(store.fault()).get(STRING).contains(SqliteStore.FILE_NAME).contains("was deleted").contains("put the store file back");
      assertThatThrownBy(() -> {
        try (Transaction tx = store.begin()) {
          tx.insertRun(run("r1", T0), T0);
          tx.commit();
        }
      }).isInstanceOf(StoreException.class).hasMessageContaining("was deleted");
    }
  }

  @Test
  void aStoreFileReplacedByAnotherIsAFault() throws Exception {
    Path other = dir.resolve("other");
    SqliteStore.open(other).close();
    try (SqliteStore store = SqliteStore.open(dir)) {
      Files.move(other.resolve(SqliteStore.FILE_NAME), dir.resolve(SqliteStore.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
      assertThat(store.fault()).get(STRING).contains("was replaced by another file");
      assertThatThrownBy(() -> {
        try (Transaction tx = store.begin()) {
          tx.insertRun(run("r1", T0), T0);
          tx.commit();
        }
      }).isInstanceOf(StoreException.class).hasMessageContaining("its write-ahead log was moved to");
      assertThat(dir.resolve(SqliteStore.FILE_NAME + "-wal.of-replaced-store")).exists();
    }
    try (SqliteStore replacement = SqliteStore.open(dir)) {
      assertThat(replacement.runs(JOB, Instant.EPOCH, T0.plusSeconds(1))).as("the replacement, without the first store's commits")
          .isEmpty();
    }
  }

  @Test
  void aDeletedWriteAheadLogIsAFault() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir)) {
      Files.delete(dir.resolve(SqliteStore.FILE_NAME + "-wal"));
      assertThat(store.fault()).get(STRING).contains(SqliteStore.FILE_NAME + "-wal").contains("was deleted");
    }
  }

  @Test
  void anEmptyStoreFileIsRefusedAndLeftAsItWas() throws Exception {
    assertRefusedAndUntouched(new byte[0], "is empty (0 bytes)");
  }

  @Test
  void aWriteAheadLogWithoutItsStoreFileIsRefused() throws Exception {
    Path wal = dir.resolve(SqliteStore.FILE_NAME + "-wal");
    Files.write(wal, new byte[4096]);
    assertThatThrownBy(() -> SqliteStore.open(dir)).isInstanceOf(StoreException.class)
        .hasMessageContaining("is missing but its write-ahead log " + wal);
    assertThat(dir.resolve(SqliteStore.FILE_NAME)).doesNotExist();
    assertThat(wal).hasSize(4096);
  }

  @Test
  void aWriteAheadLogWithAForeignHeaderIsRefusedAndAValidOneIsRead() throws Exception {
    byte[] store = aStoreWithHistory();
    Files.write(dir.resolve(SqliteStore.FILE_NAME), store);
    Path wal = dir.resolve(SqliteStore.FILE_NAME + "-wal");
    byte[] garbage = new byte[8192];
    new Random(7).nextBytes(garbage);
    Files.write(wal, garbage);
    assertThatThrownBy(() -> SqliteStore.open(dir)).isInstanceOf(StoreException.class)
        .hasMessageContaining("write-ahead log " + wal + " of the store is damaged");
    assertThat(Files.readAllBytes(wal)).isEqualTo(garbage);

    Files.delete(wal);
    try (SqliteStore opened = SqliteStore.open(dir)) {
      try (Transaction tx = opened.begin()) {
        tx.insertRun(run("in-the-wal", T0.minusSeconds(1)), T0);
        tx.commit();
      }
      // A copy taken while the store is open, as a crash leaves it: the commit is only in the WAL.
      Path crashed = dir.resolve("crashed");
      Files.createDirectories(crashed);
      Files.copy(dir.resolve(SqliteStore.FILE_NAME), crashed.resolve(SqliteStore.FILE_NAME));
      Files.copy(wal, crashed.resolve(SqliteStore.FILE_NAME + "-wal"));
      try (SqliteStore reopened = SqliteStore.open(crashed)) {
        assertThat(reopened.runs(JOB, Instant.EPOCH, T0)).extracting(JobRun::runId).containsExactly("in-the-wal");
      }
    }
  }

  /** A store file with a few hundred runs, closed; its bytes. */
  private byte[] aStoreWithHistory() throws Exception {
    Path source = dir.resolve("source");
    try (SqliteStore store = SqliteStore.open(source); Transaction tx = store.begin()) {
      for (int i = 0; i < 500; i++) {
        JobRun run = run("r" + i, T0.plusSeconds(i));
        tx.insertRun(run, T0);
        tx.putJob(JobState.first(run, T0));
      }
      tx.commit();
    }
    return Files.readAllBytes(source.resolve(SqliteStore.FILE_NAME));
  }

  private void assertRefusedAndUntouched(byte[] content, String reason) throws Exception {
    Path file = dir.resolve(SqliteStore.FILE_NAME);
    Files.write(file, content);
    assertThatThrownBy(() -> SqliteStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(reason)
        .hasMessageContaining("Restore the file from a backup");
    assertThat(Files.readAllBytes(file)).as("the refused file is left as it was").isEqualTo(content);
  }
}
