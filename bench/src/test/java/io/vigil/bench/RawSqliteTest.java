package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw-SQLite loop copies the exporter's own rows (its schema from the exporter's migrations) into a fresh file. */
class RawSqliteTest {
  @TempDir Path dir;

  @Test
  void insertsTheSameRunsAndStatesIntoAFreshStoreWithTheSameSchema() throws Exception {
    Path source = dir.resolve("vigil.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement st = c.createStatement()) {
      for (String migration : List.of("/db/V1__schema.sql", "/db/V2__drop_run_end_index.sql")) {
        try (InputStream in = RawSqliteTest.class.getResourceAsStream(migration)) {
          for (String sql : new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "").split(";")) {
            if (!sql.isBlank()) {
              st.execute(sql);
            }
          }
        }
      }
      for (int j = 0; j < 40; j++) {
        st.execute("INSERT INTO job_run VALUES ('t','c','d" + (j % 4) + "','job" + j + "','r1','SUCCESS'," + j + "," + (j + 1)
            + ",1,2,0,0,'ok',NULL,'p'," + j + ")");
        st.execute("INSERT INTO job_state VALUES ('t','c','d" + (j % 4) + "','job" + j + "','{\"state\":" + j + "}')");
      }
      for (int d = 0; d < 20; d++) {
        st.execute("INSERT INTO device_state VALUES ('t','c','d" + d + "','{\"device\":" + d + "}')");
      }
    }
    Path fresh = dir.resolve("fresh.db");

    RawSqlite.Result result = RawSqlite.run(source, fresh, 7, 60, false, false);

    // two thirds of the items are job reports (a run and a job state each), the rest heartbeats (a device state each)
    assertThat(result.items()).isEqualTo(60);
    assertThat(result.rows()).isEqualTo(40 * 2 + 20);
    assertThat(result.itemsPerCommit()).isEqualTo(7);
    // eight commits of 7 items and the last of 4, each timed
    assertThat(result.commitMillis()).hasSize(9);
    assertThat(java.util.Arrays.stream(result.commitMillis()).min().orElseThrow()).isPositive();
    assertThat(result.cpuMicrosPerItem()).isPositive();
    for (String table : List.of("job_run", "job_state", "device_state")) {
      assertThat(rows(fresh, table)).as(table).isEqualTo(rows(source, table));
    }

    Path runsOnly = dir.resolve("runs-only.db");
    RawSqlite.Result runs = RawSqlite.run(source, runsOnly, 7, 60, true, false);
    assertThat(runs.items()).isEqualTo(40);
    assertThat(runs.rows()).isEqualTo(40);
    assertThat(runs.label()).endsWith("run rows only");
    assertThat(rows(runsOnly, "job_run")).isEqualTo(rows(source, "job_run"));
    assertThat(rows(runsOnly, "job_state")).isEmpty();
    assertThat(rows(runsOnly, "device_state")).isEmpty();

    Path copy = dir.resolve("copy.db");
    RawSqlite.Result intoCopy = RawSqlite.run(source, copy, 7, 60, false, true);
    // the same items, into tables that already hold the exporter's rows: the runs are new ones, the states replaced
    assertThat(intoCopy.items()).isEqualTo(60);
    assertThat(intoCopy.rows()).isEqualTo(40 * 2 + 20);
    assertThat(intoCopy.label()).endsWith("into a copy of the exporter's store");
    assertThat(rows(copy, "job_run")).hasSize(80).containsAll(rows(source, "job_run"))
        .anyMatch(row -> row.contains("|r1~raw|"));
    assertThat(rows(copy, "job_state")).isEqualTo(rows(source, "job_state"));
    assertThat(rows(copy, "device_state")).isEqualTo(rows(source, "device_state"));
  }

  @Test
  void aUnitQueuedBehindOthersWaitsForTheCommitsAheadOfIt() {
    double[] commits = {10, 10, 10, 10, 100, 10, 10, 10};
    RawSqlite.Result result = new RawSqlite.Result(500, false, true, 4_000, 6_000, 1, 1, commits);

    // four in flight: every window of four consecutive commits but the first holds the slow one
    assertThat(result.queuedP99Millis(4)).isEqualTo(130);
    assertThat(result.queuedP99Millis(1)).isEqualTo(100);
    assertThat(result.queuedP99Millis(9)).isNaN();
  }

  private static List<String> rows(Path file, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2, 3, 4")) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
