package io.vigil.bench.jmh;

import io.vigil.bench.FleetModel;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.store.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds in-memory exporter state for the benchmark fleet, without a store or HTTP. */
final class HotPathState {
  private HotPathState() {}

  static VigilConfig config(FleetModel fleet) throws Exception {
    Path file = Files.createTempFile("vigil-jmh-", ".yml");
    try {
      Files.writeString(file, fleet.configYaml());
      return new ConfigLoader().load(file);
    } finally {
      Files.delete(file);
    }
  }

  static Snapshot snapshot(FleetModel fleet, Instant now) {
    List<JobState> jobs = new ArrayList<>(fleet.jobs());
    for (int j = 0; j < fleet.jobs(); j++) {
      jobs.add(JobState.first(jobRun(fleet, j, 1, now), now));
    }
    List<DeviceState> devices = new ArrayList<>(fleet.devices());
    for (int d = 0; d < fleet.devices(); d++) {
      Heartbeat heartbeat = heartbeat(fleet, d, now);
      devices.add(DeviceState.empty(heartbeat.key(), now).apply(heartbeat, now));
    }
    return new Snapshot(jobs, devices);
  }

  /** Run {@code round} of job {@code j}, ended a minute to an hour before {@code now}. */
  static JobRun jobRun(FleetModel fleet, int j, int round, Instant now) {
    int d = fleet.deviceOfJob(j);
    JobKey key = new JobKey(fleet.tenant(fleet.tenantOfJob(j)), fleet.customer(fleet.customerOfDevice(d)), fleet.device(d),
        fleet.job(j));
    Instant ended = now.minusSeconds(60 + j % 3600);
    JobResult result = switch (fleet.status(j, round)) {
      case "failed" -> JobResult.FAILED;
      case "warning" -> JobResult.WARNING;
      default -> JobResult.SUCCESS;
    };
    return new JobRun(key, "r" + round + "-" + j, result, ended.minusSeconds(600), ended, 1_000_000L * (1 + j % 5000),
        100 + j % 10000, 0, 0, "Completed", null, "ImageBackup 8.1");
  }

  static Heartbeat heartbeat(FleetModel fleet, int d, Instant now) {
    DeviceKey key = new DeviceKey(fleet.tenant(fleet.tenantOfDevice(d)), fleet.customer(fleet.customerOfDevice(d)), fleet.device(d));
    return new Heartbeat(key, now.minusSeconds(d % 120), Duration.ofSeconds(60), "SiteRecorder", "2024 R2");
  }

  /** A fleet shaped like the default benchmark fleet (10 customers per tenant... 2 jobs per device), scaled to {@code jobs}. */
  static FleetModel scaled(int jobs) {
    return new FleetModel(Math.max(1, Math.min(10, jobs / 10)), Math.max(1, jobs / 10), jobs, Math.max(1, jobs / 2));
  }
}
