package io.vigil.config;

import java.util.List;

/** A tenant's notification mail: the addresses it takes mail on and its own parsing rules, tried after the built-in parsers. */
public record TenantMail(List<MailAddressConfig> addresses, List<MailRuleConfig> rules) {
  public TenantMail {
    addresses = addresses != null ? List.copyOf(addresses) : List.of();
    rules = rules != null ? List.copyOf(rules) : List.of();
  }
}
