package io.vigil.store;

import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.JobKey;
import io.vigil.model.JobState;
import io.vigil.poll.PolledConnector;

/**
 * The newest committed state of one job, device or polled connector in a store shared by replicas, numbered in commit order; a null
 * state means it was retired. A replica applies the changes after the last one it has to follow the others' writes.
 */
public sealed interface StateChange {
  long sequence();

  record Job(long sequence, JobKey key, JobState state) implements StateChange {}

  record Device(long sequence, DeviceKey key, DeviceState state) implements StateChange {}

  /** What the polling replica's newest poll of a connector found. */
  record Connector(long sequence, PolledConnector polled) implements StateChange {}
}
