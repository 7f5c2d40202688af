package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CeilingsTest {
  private static Wrk.Result wrk(String label, int connections, double rps, double items, double cpuSeconds) {
    return new Wrk.Result(label, connections, (long) (rps * 10), 0, 0, 10, rps, 1, 2, items, cpuSeconds);
  }

  private static Ceilings measured() {
    Ceilings c = new Ceilings();
    c.http = wrk("HTTP ceiling", 32, 50_000, 1, 10);
    c.single = wrk("single", 32, 20_000, 1, 16);
    c.batched = wrk("batched", 4, 50, 500, 10);
    c.pushgateway = wrk("pushgateway", 32, 5_000, 1, 15);
    c.rawBatched = new RawSqlite.Result(500, false, false, 150_000, 250_000, 5, 4, new double[0]);
    c.rawRunsOnly = new RawSqlite.Result(500, true, false, 100_000, 100_000, 2, 1.5, new double[0]);
    c.rawSingle = new RawSqlite.Result(1, false, false, 3_000, 5_000, 1.5, 0.6, new double[0]);
    // 300 commits of 20 ms, of which 3 took 120 ms (the ones that checkpoint the WAL)
    double[] commits = new double[300];
    java.util.Arrays.fill(commits, 20);
    commits[50] = commits[150] = commits[250] = 120;
    c.rawIntoStore = new RawSqlite.Result(500, false, true, 150_000, 250_000, 10, 6, commits);
    return c;
  }

  @Test
  void everyRowOfTheTablesHasTheHeadersColumns() {
    String md = measured().markdown();
    List<String> lines = Arrays.stream(md.split("\n")).toList();
    int header = -1;
    for (String line : lines) {
      if (line.startsWith("| phase") || line.startsWith("| issue 21 target")) {
        header = columns(line);
      } else if (line.startsWith("|") && !line.startsWith("|---")) {
        assertThat(columns(line)).as(line).isEqualTo(header);
      }
    }
    assertThat(md).contains("raw SQLite JDBC loop, 500 items per commit, run rows only (100,000 items, 100,000 rows)");
  }

  @Test
  void eachTargetNamesWhatBoundsItFromTheSameRun() {
    String md = measured().markdown();
    // 20 us per bare request, 40 us per raw insert into the same tables (not the 26.7 us into empty ones): 33 % of the ceiling at best
    assertThat(md).contains("| durable single pushes >= 50 % of the HTTP ceiling | 40 % | **no** | a bare request (20.0 us CPU) plus the"
        + " raw loop's insert (40.0 us) at the ceiling's CPU: 33 % of it |");
    assertThat(md).contains("one writer: the raw loop stores 15,000 items/s with the same rows into the same tables (0.60x of Vigil);"
        + " into empty ones 30,000, 50,000 with the run rows alone");
    // 12 of the 297 windows of 4 consecutive commits hold a slow one: 120 + 3 x 20 ms; the p99 (the 295th) is one of them
    assertThat(md).contains("the raw loop's commits of 500 items into the same tables, 4 in flight as the connections keep them: p99 180 ms"
        + " (each waits for those ahead); 133 ms mean by Little's law at its rate");
    assertThat(md).contains("| raw SQLite JDBC loop, 500 items per commit, into a copy of the exporter's store (150,000 items, 250,000 rows)"
        + " | 1 | - | 15,000 | - | - | - | - | 40.0 | - | - | 1.00 |");
  }

  private static int columns(String line) {
    return line.split("\\|", -1).length;
  }
}
