package io.vigil.config;

import java.time.Duration;
import java.util.List;

/**
 * The SMTP listener that takes backup products' notification mails ({@code listen} null: off). {@code starttls}
 * offers STARTTLS with the exporter's own certificate ({@code tls}), or requires it before MAIL. Bounds: the
 * largest message (bigger ones get 552), open connections in all and per client address, a client that sends
 * nothing for {@code idleTimeoutSeconds} and a session longer than {@code maxSessionSeconds} (a slow client)
 * are disconnected, and each client address may deliver {@code messagesPerMinutePerAddress} messages a minute
 * (beyond: 451, try later). Each tenant keeps its last {@code unparsedKeptPerTenant} unparsed messages.
 * Applied at start; a reload keeps the values in force (the tenants' addresses and rules do reload).
 */
public record MailListenerConfig(String listen, String hostname, Integer maxMessageBytes, StartTls starttls, Integer maxConnections,
    Integer maxConnectionsPerAddress, Integer idleTimeoutSeconds, Integer maxSessionSeconds, Integer messagesPerMinutePerAddress,
    Integer unparsedKeptPerTenant) {
  /** Whether STARTTLS is offered, and whether a client must use it before MAIL. */
  public enum StartTls { OFF, OPTIONAL, REQUIRED }

  public MailListenerConfig {
    hostname = hostname != null ? hostname : "vigil";
    maxMessageBytes = maxMessageBytes != null ? maxMessageBytes : 10_485_760;
    maxConnections = maxConnections != null ? maxConnections : 100;
    maxConnectionsPerAddress = maxConnectionsPerAddress != null ? maxConnectionsPerAddress : 10;
    idleTimeoutSeconds = idleTimeoutSeconds != null ? idleTimeoutSeconds : 60;
    maxSessionSeconds = maxSessionSeconds != null ? maxSessionSeconds : 600;
    messagesPerMinutePerAddress = messagesPerMinutePerAddress != null ? messagesPerMinutePerAddress : 600;
    unparsedKeptPerTenant = unparsedKeptPerTenant != null ? unparsedKeptPerTenant : 200;
  }

  /** No listener. */
  public static MailListenerConfig off() {
    return new MailListenerConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** STARTTLS as configured, else offered when the exporter has a certificate. */
  public StartTls startTls(boolean haveCertificate) {
    return starttls != null ? starttls : haveCertificate ? StartTls.OPTIONAL : StartTls.OFF;
  }

  public Duration idleTimeout() {
    return Duration.ofSeconds(idleTimeoutSeconds);
  }

  public Duration maxSession() {
    return Duration.ofSeconds(maxSessionSeconds);
  }

  public MailListenerConfig withListen(String newListen) {
    return new MailListenerConfig(newListen, hostname, maxMessageBytes, starttls, maxConnections, maxConnectionsPerAddress,
        idleTimeoutSeconds, maxSessionSeconds, messagesPerMinutePerAddress, unparsedKeptPerTenant);
  }

  void check(boolean haveCertificate, List<String> problems) {
    if (listen != null && !listen.matches(".*:\\d{1,5}")) {
      problems.add("smtp.listen: must be HOST:PORT, got '" + listen + "'");
    }
    if (starttls != null && starttls != StartTls.OFF && !haveCertificate) {
      problems.add("smtp.starttls: " + starttls.name().toLowerCase() + " needs the exporter's certificate; configure tls");
    }
    if (maxMessageBytes < 1_024) {
      problems.add("smtp.max_message_bytes: must be at least 1024");
    }
    ConfigLoader.positive("smtp.max_connections", maxConnections, problems);
    if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
      problems.add("smtp.max_connections_per_address: must be 1 to smtp.max_connections (" + maxConnections + ")");
    }
    ConfigLoader.positive("smtp.idle_timeout_seconds", idleTimeoutSeconds, problems);
    ConfigLoader.positive("smtp.max_session_seconds", maxSessionSeconds, problems);
    ConfigLoader.positive("smtp.messages_per_minute_per_address", messagesPerMinutePerAddress, problems);
    ConfigLoader.positive("smtp.unparsed_kept_per_tenant", unparsedKeptPerTenant, problems);
  }
}
