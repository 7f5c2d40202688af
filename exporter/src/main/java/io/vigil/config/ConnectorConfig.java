package io.vigil.config;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A connector the exporter polls for a tenant. {@code name} is the {@code connector} label; {@code url}
 * is the connector's base URL ({@code http://img01:9878}) or its full inventory URL. The bearer
 * token is given inline or in a file (first line, read at each poll so it can be rotated). An https
 * URL may name the CA to trust and a client certificate to present (see {@link ConnectorTls}).
 */
public record ConnectorConfig(String name, String url, String token, String tokenFile, Long intervalSeconds, Long timeoutSeconds,
    Long maxBodyBytes, String caFile, String clientCertFile, String clientKeyFile) {
  public static final String INVENTORY_PATH = "/api/v1/inventory";
  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;

  public ConnectorConfig {
    intervalSeconds = intervalSeconds != null ? intervalSeconds : 60L;
    timeoutSeconds = timeoutSeconds != null ? timeoutSeconds : 10L;
    maxBodyBytes = maxBodyBytes != null ? maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
  }

  /** A connector over plain HTTP, or HTTPS with the JVM's trust store and no client certificate. */
  public ConnectorConfig(String name, String url, String token, String tokenFile, Long intervalSeconds, Long timeoutSeconds,
      Long maxBodyBytes) {
    this(name, url, token, tokenFile, intervalSeconds, timeoutSeconds, maxBodyBytes, null, null, null);
  }

  public static ConnectorConfig of(String name, String url, String token) {
    return new ConnectorConfig(name, url, token, null, null, null, null);
  }

  public ConnectorTls tls() {
    return new ConnectorTls(caFile, clientCertFile, clientKeyFile);
  }

  public Duration interval() {
    return Duration.ofSeconds(intervalSeconds);
  }

  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  /** The inventory URL: {@code url} itself when it names the inventory, else the inventory path under it. */
  public URI inventoryUri() {
    URI base = URI.create(url);
    if (base.getPath() != null && base.getPath().endsWith(INVENTORY_PATH)) {
      return base;
    }
    String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
    return base.resolve(path + INVENTORY_PATH);
  }

  /** The connector's {@code /api/v1/chains} URL for one volume (next to the inventory URL), the names as query parameters. */
  public URI chainsUri(String customer, String folder, String volume) {
    return inventoryUri().resolve("chains?customer=" + query(customer) + "&folder=" + query(folder) + "&volume=" + query(volume));
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The token to send: inline, or the first line of the token file. */
  public String bearerToken() throws IOException {
    if (token != null) {
      return token.strip();
    }
    String line = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
    if (line.isEmpty()) {
      throw new IOException("token file " + tokenFile + " is empty");
    }
    return line;
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "ConnectorConfig[name=" + name + ", url=" + url + ", token=" + (token != null ? "***" : null) + ", tokenFile=" + tokenFile
        + ", intervalSeconds=" + intervalSeconds + ", timeoutSeconds=" + timeoutSeconds + ", maxBodyBytes=" + maxBodyBytes
        + ", caFile=" + caFile + ", clientCertFile=" + clientCertFile + ", clientKeyFile=" + clientKeyFile + "]";
  }
}
