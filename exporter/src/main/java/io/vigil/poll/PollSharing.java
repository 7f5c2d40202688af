package io.vigil.poll;

/**
 * How polling is shared between replicas over one store: one replica at a time polls ({@link #polls()}), and what
 * it finds is kept for the others ({@link #share}), which apply it to their own {@link ConnectorStates}.
 */
public interface PollSharing {
  /** A single exporter polls always and shares with no one. */
  PollSharing ALONE = new PollSharing() {
    @Override
    public boolean polls() {
      return true;
    }

    @Override
    public void share(PolledConnector polled) {}
  };

  /** Whether this replica polls now; asked before every poll. */
  boolean polls();

  /** Keeps what a poll found for the other replicas; does not wait for it. */
  void share(PolledConnector polled);
}
