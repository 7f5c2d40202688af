package io.vigil.config;

import io.vigil.tls.KeyMaterial;
import io.vigil.tls.KeyMaterialException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

/**
 * The SMTP relay reports go through: {@code security} is {@code starttls} (required, the default), {@code tls}
 * (implicit TLS, as on port 465) or {@code none}; {@code username} with {@code passwordFile} (its first line, read at
 * each send so it can be rotated) when the relay wants authentication; {@code from} is the sender address;
 * {@code timeoutSeconds} bounds connecting, and each read and write; {@code caFile} (PEM) holds the CAs the relay's
 * certificate must chain to, else the JVM's trust store decides (read at each send, like the password).
 */
public record SmtpConfig(String host, Integer port, SmtpSecurity security, String username, String passwordFile, String from,
    Long timeoutSeconds, String caFile) {
  public SmtpConfig {
    security = security != null ? security : SmtpSecurity.STARTTLS;
    port = port != null ? port : security == SmtpSecurity.TLS ? 465 : security == SmtpSecurity.STARTTLS ? 587 : 25;
    timeoutSeconds = timeoutSeconds != null ? timeoutSeconds : 30L;
  }

  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  /** The CAs the relay must chain to, or null for the JVM's trust store. */
  public KeyStore trust() throws KeyMaterialException {
    return caFile == null ? null : KeyMaterial.trust(Path.of(caFile));
  }

  /** The password's first line, or null without authentication. */
  public String password() throws IOException {
    if (passwordFile == null) {
      return null;
    }
    return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
  }
}
