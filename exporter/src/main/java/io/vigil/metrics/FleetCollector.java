package io.vigil.metrics;

import io.vigil.config.LiveConfig;
import io.vigil.state.Fleet;
import io.vigil.view.FleetView;
import java.time.Clock;

/**
 * The fleet's families ({@link FleetSeries}) as client_java snapshots, read from a {@link FleetView} at the
 * clock's time: with a tenant only that tenant's, without all of them. Scrapes in the text formats are written
 * by {@link FleetExposition} instead.
 */
public final class FleetCollector extends SeriesCollector<FleetView> {
  public FleetCollector(Fleet fleet, LiveConfig config, Clock clock, String onlyTenant) {
    super(FleetSeries.ALL, clock, now -> FleetView.of(fleet, config.current(), onlyTenant, now));
  }
}
