package io.vigil.metrics;

import io.vigil.config.LiveConfig;
import io.vigil.poll.ConnectorStates;
import java.time.Clock;

/**
 * The connectors' families ({@link ConnectorSeries}) as client_java snapshots, rendered at scrape time from
 * {@link ConnectorStates} (memory only): poll health, repository space, folders and the current chain of every
 * volume of managed folders, and customer quotas; with a tenant only that tenant's connectors. Scrapes in the
 * text formats are written by {@link ConnectorExposition} instead.
 */
public final class ConnectorCollector extends SeriesCollector<ConnectorView> {
  public ConnectorCollector(ConnectorStates states, LiveConfig config, Clock clock, String onlyTenant) {
    super(ConnectorSeries.ALL, clock, now -> ConnectorView.of(states, config.current(), onlyTenant, now));
  }
}
