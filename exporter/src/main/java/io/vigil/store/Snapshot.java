package io.vigil.store;

import io.vigil.model.DeviceState;
import io.vigil.model.JobState;
import io.vigil.poll.PolledConnector;
import java.util.List;

/**
 * Every current job and device state and the newest poll of each connector, as loaded at start, and the number of
 * the last change it holds in a store shared by replicas (0 in a store with one writer): later changes are read
 * from there on ({@link StateChange}).
 */
public record Snapshot(List<JobState> jobs, List<DeviceState> devices, List<PolledConnector> connectors, long sequence) {
  public Snapshot(List<JobState> jobs, List<DeviceState> devices) {
    this(jobs, devices, List.of(), 0);
  }
}
