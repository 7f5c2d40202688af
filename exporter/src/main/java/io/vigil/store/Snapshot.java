package io.vigil.store;

import io.vigil.model.DeviceState;
import io.vigil.model.JobState;
import java.util.List;

/** Every current job and device state, as loaded at start. */
public record Snapshot(List<JobState> jobs, List<DeviceState> devices) {}
