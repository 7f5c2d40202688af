package io.vigil.mail;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code vigil_email_messages_total{tenant,result}}: every mail the listener answered, by what became of it. A mail
 * refused before its recipient named a tenant counts with an empty tenant; one mail to two tenants counts for each.
 */
public final class MailMetrics {
  private final Counter messages;

  public MailMetrics(PrometheusRegistry registry) {
    messages = Counter.builder()
        .name("vigil_email_messages_total")
        .help("Notification mails the SMTP listener answered, by tenant and result (accepted, duplicate, unparsed, refused)")
        .labelNames("tenant", "result")
        .register(registry);
  }

  /** Starts every tenant's series at 0, so that the first unparsed or refused mail is an increase alerts can see. */
  public void known(Iterable<String> tenants) {
    for (String tenant : tenants) {
      for (MailResult result : MailResult.values()) {
        messages.labelValues(tenant, result.label());
      }
    }
  }

  public void count(String tenant, MailResult result) {
    messages.labelValues(tenant == null ? "" : tenant, result.label()).inc();
  }
}
