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
      int d = fleet.deviceOfJob(j);
      JobKey key = new JobKey(fleet.tenant(fleet.tenantOfJob(j)), fleet.customer(fleet.customerOfDevice(d)), fleet.device(d),
          fleet.job(j));
      Instant ended = now.minusSeconds(60 + j % 3600);
      JobResult result = switch (fleet.status(j, 1)) {
        case "failed" -> JobResult.FAILED;
        case "warning" -> JobResult.WARNING;
        default -> JobResult.SUCCESS;
      };
      jobs.add(JobState.first(new JobRun(key, "r1-" + j, result, ended.minusSeconds(600), ended, 1_000_000L * (1 + j % 5000),
          100 + j % 10000, 0, 0, "Completed", null, "ImageBackup 8.1"), now));
    }
    List<DeviceState> devices = new ArrayList<>(fleet.devices());
    for (int d = 0; d < fleet.devices(); d++) {
      DeviceKey key = new DeviceKey(fleet.tenant(fleet.tenantOfDevice(d)), fleet.customer(fleet.customerOfDevice(d)), fleet.device(d));
      devices.add(DeviceState.empty(key, now).apply(new Heartbeat(key, now.minusSeconds(d % 120), Duration.ofSeconds(60),
          "SiteRecorder", "2024 R2"), now));
    }
    return new Snapshot(jobs, devices);
  }

  /** A fleet shaped like the default benchmark fleet (10 customers per tenant... 2 jobs per device), scaled to {@code jobs}. */
  static FleetModel scaled(int jobs) {
    return new FleetModel(Math.max(1, Math.min(10, jobs / 10)), Math.max(1, jobs / 10), jobs, Math.max(1, jobs / 2));
  }
}
