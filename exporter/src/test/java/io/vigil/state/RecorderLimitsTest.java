package io.vigil.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.EntityLimits;
import io.vigil.model.EntityKind;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.store.SqliteStore;
import io.vigil.testsupport.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderLimitsTest {
  static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
  static final Function<String, EntityLimits> FIVE_EACH = tenant -> new EntityLimits(5, 5, 5);

  @TempDir
  Path dir;

  static JobRun run(String tenant, String job) {
    return new JobRun(new JobKey(tenant, "Dental", "fs01", job), "r1", JobResult.SUCCESS, T0.minusSeconds(60), T0, 0, 0, 0, 0, null, null,
        null);
  }

  @Test
  void pushesCommittedInOneGroupCannotPassALimitTogether() throws Exception {
    Fleet fleet = new Fleet();
    try (SqliteStore store = SqliteStore.open(dir); Recorder recorder = new Recorder(store, fleet, new TestClock(T0), 100, Duration.ofSeconds(30))) {
      List<Write<Outcome>> pushes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        pushes.add(recorder.record(List.of(run("acme", "job" + i)), FIVE_EACH));
      }
      pushes.add(recorder.record(List.of(run("globex", "job0")), FIVE_EACH));
      List<Outcome> outcomes = pushes.stream().map(Write::await).toList();
      assertThat(outcomes).filteredOn(o -> o.overLimit() == null).hasSize(6);
      assertThat(outcomes).filteredOn(o -> o.overLimit() != null)
          .allSatisfy(o -> assertThat(o.overLimit()).isEqualTo(new LimitExceeded("acme", EntityKind.JOB, 5, 5, 1)));
      assertThat(fleet.jobs("acme")).hasSize(5);
      assertThat(fleet.jobs("globex")).hasSize(1);
    }
  }

  @Test
  void aPushWithMoreReportsThanRoomLeftIsJudgedByWhatItWouldCreate() throws Exception {
    Fleet fleet = new Fleet();
    try (SqliteStore store = SqliteStore.open(dir); Recorder recorder = new Recorder(store, fleet, new TestClock(T0), 100, Duration.ofSeconds(30))) {
      for (int i = 0; i < 4; i++) {
        assertThat(recorder.record(List.of(run("acme", "job" + i)), FIVE_EACH).await().overLimit()).isNull();
      }
      List<JobRun> threeKnownOneNew = List.of(rerun("acme", "job0"), rerun("acme", "job1"), rerun("acme", "job2"), run("acme", "job4"));
      assertThat(recorder.record(threeKnownOneNew, FIVE_EACH).await()).isEqualTo(new Outcome(4, 0, null));
      assertThat(recorder.record(List.of(run("acme", "job5"), run("acme", "job6")), FIVE_EACH).await().overLimit())
          .isEqualTo(new LimitExceeded("acme", EntityKind.JOB, 5, 5, 2));
      assertThat(recorder.record(List.of(run("globex", "job0"), run("acme", "job7")), FIVE_EACH).await().overLimit())
          .isEqualTo(new LimitExceeded("acme", EntityKind.JOB, 5, 5, 1));
      assertThat(fleet.jobs("acme")).hasSize(5);
      assertThat(fleet.jobs("globex")).isEmpty();
    }
  }

  static JobRun rerun(String tenant, String job) {
    return new JobRun(new JobKey(tenant, "Dental", "fs01", job), "r2", JobResult.SUCCESS, T0.minusSeconds(30), T0, 0, 0, 0, 0, null, null,
        null);
  }
}
