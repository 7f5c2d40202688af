package io.vigil.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One report to deliver once: the tenant, the report ({@code daily} or {@code monthly}), whom it is about (the
 * customer of a monthly report, "" for a tenant's digest) and the period it covers ({@code 2026-11-30},
 * {@code 2026-11}).
 */
public record DeliveryKey(String tenant, String report, String subject, String period) {
  /**
   * The Message-ID every attempt of this delivery carries, the same after a restart: a mail a relay got twice (see
   * {@code Delivery}) is one message to the mail systems that receive it.
   */
  public String messageId() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(String.join("\u0000", tenant, report, subject, period).getBytes(StandardCharsets.UTF_8));
      return "<" + report + "." + period + "." + HexFormat.of().formatHex(hash, 0, 12) + "@vigil." + tenant + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
