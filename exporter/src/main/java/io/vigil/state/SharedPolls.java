package io.vigil.state;

import io.vigil.poll.PollSharing;
import io.vigil.poll.PolledConnector;
import io.vigil.store.Store;

/**
 * Polling shared through the store: this exporter polls while the store says it leads (always, over a store with
 * one writer), and what it finds is written through the {@link Recorder}, for a restart and for the other replicas.
 */
public final class SharedPolls implements PollSharing {
  private final Store store;
  private final Recorder recorder;

  public SharedPolls(Store store, Recorder recorder) {
    this.store = store;
    this.recorder = recorder;
  }

  @Override
  public boolean polls() {
    return store.leads();
  }

  /** A poll the store could not keep is still exported here; the next poll is kept again. */
  @Override
  public void share(PolledConnector polled) {
    recorder.recordPoll(polled);
  }
}
