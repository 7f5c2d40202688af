package io.vigil.config;

import java.util.Map;

/**
 * A tenant's own parser for a product Vigil has none for: regular expressions on the sender, the subject and the
 * body (each optional; all given must match), whose named groups {@code customer}, {@code device}, {@code job}
 * and {@code status} give the report; {@code job}, {@code device} and {@code customer} may instead be fixed here.
 * {@code statuses} maps the product's words (compared ignoring case) to success, warning or failed.
 */
public record MailRuleConfig(String name, String from, String subject, String body, String customer, String device, String job,
    Map<String, String> statuses) {
  public MailRuleConfig {
    statuses = statuses != null ? Map.copyOf(statuses) : Map.of();
  }
}
