package io.vigil.it.soak;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/** The soak's HTTP client: one connection pool for every pusher and scraper, gzip bodies decoded, each call timed. */
final class Http {
  record Answer(int status, String body, String contentType, long nanos) {}

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  Answer post(String path, String key, String json) throws IOException, InterruptedException {
    return send(request(path, key).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Answer get(String path, String key, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path, key).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  private HttpRequest.Builder request(String path, String key) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key);
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    long nanos = System.nanoTime() - t0;
    byte[] body = response.body();
    if (response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent()) {
      body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
    }
    return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8),
        response.headers().firstValue("Content-Type").orElse(""), nanos);
  }
}
