package io.vigil.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A tenant's connectors: poll health, then the unmanaged folders and the unparseable files their last good polls found. */
public record ConnectorsPage(List<ConnectorLine> connectors, List<FolderLine> unmanaged, List<UnparseableLine> unparseable) {
  /** {@code status}: up, down, or unknown before the first poll. */
  public record ConnectorLine(String connector, String status, Instant lastAttempt, Instant lastSuccess, Duration sinceSuccess,
      Duration pollDuration, String version, Instant scannedAt) {}

  public record FolderLine(String connector, String customer, String customerLink, String folder) {}

  public record UnparseableLine(String connector, String place, long count) {}
}
