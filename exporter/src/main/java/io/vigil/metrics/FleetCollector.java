package io.vigil.metrics;

import io.vigil.config.LiveConfig;
import io.vigil.state.Fleet;
import io.vigil.view.FleetView;
import io.vigil.view.Schedules;
import java.time.Clock;

/**
 * The fleet's families ({@link FleetSeries}) as client_java snapshots, read from a {@link FleetView} at the
 * clock's time: with a tenant only that tenant's, without all of them. Scrapes in the text formats are written
 * by {@link FleetExposition} instead.
 */
public final class FleetCollector extends SeriesCollector<FleetView> {
  public FleetCollector(Fleet fleet, LiveConfig config, Clock clock, String onlyTenant) {
    this(fleet, config, clock, onlyTenant, new Schedules());
  }

  private FleetCollector(Fleet fleet, LiveConfig config, Clock clock, String onlyTenant, Schedules schedules) {
    super(FleetSeries.ALL, clock, now -> FleetView.of(fleet, config.current(), schedules, onlyTenant, now));
  }
}
