package io.vigil.config;

/** How the connection to the SMTP relay is protected. */
public enum SmtpSecurity {
  /** Plain connection upgraded with STARTTLS; refused when the relay does not offer it. */
  STARTTLS,
  /** TLS from the first byte (SMTPS, usually port 465). */
  TLS,
  /** No encryption: only for a relay on the same host or a trusted network. */
  NONE
}
