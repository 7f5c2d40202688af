package io.vigil.bench.jmh;

import io.vigil.model.DeviceState;
import io.vigil.model.JobState;
import io.vigil.model.JobStatus;
import io.vigil.model.StatusRules;
import io.vigil.store.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** StatusRules over 1,000 jobs and 500 devices of mixed status; the score is per evaluation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatusRulesBenchmark {
  private static final Duration GRACE = Duration.ofHours(1);
  private static final Duration INTERVAL = Duration.ofSeconds(60);
  private List<JobState> jobs;
  private List<DeviceState> devices;
  private Instant now;

  @Setup
  public void setUp() {
    now = Instant.now();
    Snapshot snapshot = HotPathState.snapshot(HotPathState.scaled(1000), now);
    jobs = snapshot.jobs();
    devices = snapshot.devices();
  }

  @Benchmark
  @OperationsPerInvocation(1000)
  public void jobStatus(Blackhole bh) {
    for (JobState job : jobs) {
      JobStatus status = StatusRules.jobStatus(job, GRACE, now);
      bh.consume(status);
    }
  }

  @Benchmark
  @OperationsPerInvocation(500)
  public void deviceUp(Blackhole bh) {
    for (DeviceState device : devices) {
      bh.consume(StatusRules.deviceUp(device.lastHeartbeat(), INTERVAL, now));
    }
  }
}
