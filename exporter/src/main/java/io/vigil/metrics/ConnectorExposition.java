package io.vigil.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vigil.config.LiveConfig;
import io.vigil.metrics.FleetExposition.Format;
import io.vigil.poll.ConnectorStates;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;

/**
 * Writes the connectors' families ({@link ConnectorSeries}) of a {@link ConnectorView} straight to the text
 * format 0.0.4 or OpenMetrics 1.0, byte for byte what client_java writes for {@link ConnectorCollector}'s
 * snapshots, with client_java's other families (self, JVM) in among them in name order, as one client_java
 * write of all of them would.
 */
public final class ConnectorExposition extends SeriesExposition<ConnectorView> {
  public ConnectorExposition(ConnectorStates states, LiveConfig config, Clock clock, String onlyTenant) {
    super(ConnectorSeries.ALL, clock, now -> ConnectorView.of(states, config.current(), onlyTenant, now));
  }

  /**
   * The connector families and {@code others} (sorted by name, as a registry's scrape is), the latter through
   * {@code writer}, which must write {@code format}; in OpenMetrics ends with the one {@code # EOF}.
   */
  public void write(OutputStream out, Format format, MetricSnapshots others, ExpositionFormatWriter writer) throws IOException {
    write(out, format, others.stream().toList(), writer, true);
  }
}
