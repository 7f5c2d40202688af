package io.vigil.metrics;

import io.vigil.config.LiveConfig;
import io.vigil.state.Fleet;
import io.vigil.view.FleetView;
import io.vigil.view.Schedules;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

/**
 * Writes the fleet's families ({@link FleetSeries}) straight from a {@link FleetView} in the Prometheus text
 * format 0.0.4 or OpenMetrics 1.0, byte for byte what client_java writes for {@link FleetCollector}'s snapshots.
 */
public final class FleetExposition extends SeriesExposition<FleetView> {
  /** The two text formats; the OpenMetrics {@code # EOF} is left to whoever writes the last family. */
  public enum Format { TEXT, OPENMETRICS }

  public FleetExposition(Fleet fleet, LiveConfig config, Clock clock, String onlyTenant) {
    this(fleet, config, clock, onlyTenant, new Schedules());
  }

  private FleetExposition(Fleet fleet, LiveConfig config, Clock clock, String onlyTenant, Schedules schedules) {
    super(FleetSeries.ALL, clock, now -> FleetView.of(fleet, config.current(), schedules, onlyTenant, now));
  }

  public void write(OutputStream out, Format format) throws IOException {
    write(out, format, List.of(), null, false);
  }
}
