package io.vigil.mail;

import io.vigil.config.MailAddressConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import java.util.Locale;
import java.util.Optional;

/** The tenant an ingest address belongs to, and its customer when the address is one customer's (else null). */
public record Mailbox(String tenant, String customer) {
  /** The mailbox of a recipient address in the configuration in force; addresses compare ignoring case. */
  public static Optional<Mailbox> of(VigilConfig config, String recipient) {
    String wanted = recipient.toLowerCase(Locale.ROOT);
    for (TenantConfig tenant : config.tenants()) {
      for (MailAddressConfig address : tenant.mail().addresses()) {
        if (address.address().toLowerCase(Locale.ROOT).equals(wanted)) {
          return Optional.of(new Mailbox(tenant.account(), address.customer()));
        }
      }
    }
    return Optional.empty();
  }
}
