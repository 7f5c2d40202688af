package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.testsupport.ScratchDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract every store keeps, and what is SQLite's own: its file, damaged or moved under it, and a full disk. */
class SqliteStoreTest extends StoreContract {
  @TempDir
  Path dir;

  @Override
  protected Store open() throws Exception {
    return SqliteStore.open(dir);
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
  void aStoreOfAnOlderSchemaIsMigratedWhenOpened() throws Exception {
    SqliteStore.open(dir).close();
    String url = "jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME);
    // As version 1 left it: with the index by end time that version 2 drops, without the tables later versions add.
    try (Connection connection = DriverManager.getConnection(url); Statement st = connection.createStatement()) {
      st.executeUpdate("CREATE INDEX job_run_by_end ON job_run (tenant, customer, device, job, ended_at)");
      st.executeUpdate("DROP TABLE connector_poll");
      st.executeUpdate("DROP TABLE report_delivery");
      st.executeUpdate("DROP TABLE unparsed_mail");
      st.executeUpdate("DROP TABLE device_outage");
      st.executeUpdate("PRAGMA user_version = 1");
    }
    SqliteStore.open(dir).close();
    try (Connection connection = DriverManager.getConnection(url); Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
        assertThat(rs.getInt(1)).as("the newest version (6: device outages)").isEqualTo(6);
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'job_run_by_end'")) {
        assertThat(rs.getInt(1)).as("the index version 2 drops").isZero();
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name IN ('report_delivery', 'connector_poll', 'unparsed_mail',"
          + " 'device_outage')")) {
        assertThat(rs.getInt(1)).as("the tables versions 3, 4, 5 and 6 add").isEqualTo(4);
      }
    }
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
