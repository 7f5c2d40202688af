package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SchedstatTest {
  @Test
  void aThreadThatSpinsIsSeenOnTheCpuForMostOfTheTimeBetweenTwoReadings() throws Exception {
    long pid = ProcessHandle.current().pid();
    Thread spinner = new Thread(() -> {
      long end = System.nanoTime() + 400_000_000L;
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    }, "sched-spinner-8");
    spinner.start();
    Thread.sleep(10);
    // this process read as both the exporter (with its children) and the generator
    List<Map<String, Schedstat.Times>> early = Schedstat.read(pid, pid);
    Thread.sleep(200);
    List<Map<String, Schedstat.Times>> late = Schedstat.read(pid, pid);
    spinner.join();
    List<Map<String, Schedstat.Times>> change = List.of(new TreeMap<>(), new TreeMap<>());
    Schedstat.addChanges(change, early, late);
    for (Map<String, Schedstat.Times> threads : change) {
      assertThat(threads.get("sched-spinner-N").runNanos())
          .as("on a CPU for most of the 200 ms between the readings (by its name, numbers as N)")
          .isBetween(60_000_000L, 400_000_000L);
    }
    assertThat(Schedstat.rows("test", change.get(1), Map.of(), 0.2)).contains("| test | `sched-spinner-N` |");
  }
}
