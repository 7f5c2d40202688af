package io.vigil.testsupport;

import io.vigil.Exporter;
import io.vigil.config.KeyConfig;
import io.vigil.config.KeyRole;
import io.vigil.config.Limits;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.http.Authenticator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A real exporter on a loopback port with a temporary store, and a client that talks to it over
 * HTTP. Tenants "acme" and "globex" each have a push key ({@code acme-push}) and a read key
 * ({@code acme-read}); {@code admin} is the admin key.
 */
public final class RunningExporter implements AutoCloseable {
  public static final String ADMIN = "admin";

  private final Exporter exporter;
  private final HttpClient http;

  private RunningExporter(Exporter exporter, HttpClient http) {
    this.exporter = exporter;
    this.http = http;
  }

  public static VigilConfig config(Path dataDir) {
    return config(dataDir, Limits.standard());
  }

  public static VigilConfig config(Path dataDir, Limits limits) {
    return new VigilConfig("127.0.0.1:0", dataDir.toString(), List.of(key(null, ADMIN)), null, limits,
        List.of(tenant("acme"), tenant("globex")));
  }

  public static TenantConfig tenant(String account) {
    return new TenantConfig(account, account.toUpperCase() + " MSP", null, null,
        List.of(key(KeyRole.PUSH, account + "-push"), key(KeyRole.READ, account + "-read")));
  }

  public static KeyConfig key(KeyRole role, String key) {
    return new KeyConfig(role, Authenticator.sha256Hex(key), null);
  }

  public static RunningExporter start(Path dataDir, Clock clock) throws Exception {
    return start(config(dataDir), null, clock);
  }

  public static RunningExporter start(VigilConfig config, Path configFile, Clock clock) throws Exception {
    return start(config, configFile, clock, HttpClient.newHttpClient());
  }

  /** With a client of the test's own, e.g. one that trusts the test CA of an exporter serving HTTPS. */
  public static RunningExporter start(VigilConfig config, Path configFile, Clock clock, HttpClient http) throws Exception {
    return new RunningExporter(Exporter.start(config, configFile, clock), http);
  }

  /** With the store wrapped, or another ack timeout, as {@code writing} says. */
  public static RunningExporter start(Path dataDir, Clock clock, Exporter.Writing writing) throws Exception {
    return new RunningExporter(Exporter.start(config(dataDir), null, clock, exporter -> { }, writing), HttpClient.newHttpClient());
  }

  /** A configuration of the test's own, with the store wrapped as {@code writing} says. */
  public static RunningExporter start(VigilConfig config, Clock clock, Exporter.Writing writing) throws Exception {
    return new RunningExporter(Exporter.start(config, null, clock, exporter -> { }, writing), HttpClient.newHttpClient());
  }

  public Exporter exporter() {
    return exporter;
  }

  public URI uri() {
    return exporter.uri();
  }

  public HttpResponse<String> post(String path, String key, String body) throws IOException, InterruptedException {
    return post(path, key, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Any bytes as the body, well-formed UTF-8 or not. */
  public HttpResponse<String> post(String path, String key, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path, String key, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve(path)).GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Pushes and fails the test unless the exporter acknowledged it. */
  public String push(String path, String key, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = post(path, key, body);
    if (response.statusCode() != 200) {
      throw new AssertionError("push to " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  public Exposition metrics() throws IOException, InterruptedException {
    return scrape("/metrics", ADMIN);
  }

  public Exposition scrape(String path, String key) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path, key);
    if (response.statusCode() != 200) {
      throw new AssertionError("scrape of " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return Exposition.parse(response.body());
  }

  @Override
  public void close() {
    exporter.close();
  }
}
