package io.vigil.report;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code vigil_report_deliveries_total{result}}: each attempt to mail a report, by how it ended. */
public final class DeliveryMetrics {
  /** The relay accepted the mail. */
  public static final String SENT = "sent";
  /** The attempt failed; it is tried again after a pause. */
  public static final String FAILED = "failed";
  /** The last allowed attempt failed; the report is not mailed. */
  public static final String GAVE_UP = "gave_up";

  private final Counter deliveries;

  public DeliveryMetrics(PrometheusRegistry registry) {
    deliveries = Counter.builder().name("vigil_report_deliveries_total")
        .help("Attempts to mail a report (daily digest, monthly report) by result: sent, failed (retried later), gave_up.")
        .labelNames("result").register(registry);
    for (String result : new String[] {SENT, FAILED, GAVE_UP}) {
      deliveries.labelValues(result);
    }
  }

  public void counted(String result) {
    deliveries.labelValues(result).inc();
  }
}
