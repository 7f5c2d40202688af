package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReportPaceTest {
  private static final long MS = 1_000_000;
  private long now = 1_000 * MS;
  private final List<Long> slept = new ArrayList<>();
  private final List<Long> started = new ArrayList<>();

  private ReportPace pace(double share) {
    return new ReportPace(() -> share, () -> now, nanos -> {
      slept.add(nanos / MS);
      now += nanos;
    });
  }

  /** A report that takes {@code ms} on the test's clock, noting when it started. */
  private ReportQueue.Work<String> taking(long ms) {
    return () -> {
      started.add(now / MS);
      now += ms * MS;
      return "report";
    };
  }

  @Test
  void reportsOneAfterAnotherTakeTheirShareOfTheTimeAndTheFirstStartsAtOnce() throws Exception {
    ReportPace pace = pace(0.1);
    for (long ms : new long[] {20, 20, 50}) {
      assertThat(pace.run(taking(ms))).isEqualTo("report");
    }
    // 20 ms of work at a tenth of the time: 180 ms idle after it; 50 ms: 450 ms.
    assertThat(started).containsExactly(1_000L, 1_200L, 1_400L);
    assertThat(slept).containsExactly(180L, 180L);
    pace.run(taking(1));
    assertThat(started.get(3)).isEqualTo(1_900L);
  }

  @Test
  void aReportAskedForAfterThePauseHasPassedStartsAtOnce() throws Exception {
    ReportPace pace = pace(0.25);
    pace.run(taking(40));
    now += 500 * MS;
    pace.run(taking(40));
    assertThat(slept).isEmpty();
    assertThat(started).containsExactly(1_000L, 1_540L);
  }

  @Test
  void aWholeShareNeverWaitsAndNoPauseIsLongerThanTheLongest() throws Exception {
    ReportPace whole = pace(1.0);
    whole.run(taking(100));
    whole.run(taking(100));
    assertThat(slept).isEmpty();
    // A first PDF that took a second (the render process starting): 2 s, not 9 s.
    assertThat(ReportPace.pauseAfter(TimeUnit.SECONDS.toNanos(1), 0.1)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
  }

  @Test
  void aFailedReportIsPacedAsOneThatWasMade() throws Exception {
    ReportPace pace = pace(0.5);
    assertThatThrownBy(() -> pace.run(() -> {
      now += 30 * MS;
      throw new IOException("cannot render the PDF");
    })).isInstanceOf(IOException.class).hasMessage("cannot render the PDF");
    pace.run(taking(1));
    assertThat(slept).containsExactly(30L);
  }

  @Test
  void anInterruptedWaitEndsTheReportWithAnErrorAndKeepsTheInterrupt() throws Exception {
    ReportPace pace = new ReportPace(() -> 0.1, () -> now, nanos -> {
      throw new InterruptedException();
    });
    pace.run(taking(10));
    try {
      assertThatThrownBy(() -> pace.run(taking(10))).isInstanceOf(IOException.class)
          .hasMessage("interrupted while waiting for the reports' pace");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(started).hasSize(1);
  }
}
