package io.vigil.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The console over plain HTTP, as a browser uses it: form POSTs from its own origin, the session in a cookie. */
public final class ConsoleClient {
  public static final String COOKIE = "vigil_console";

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;

  public ConsoleClient(URI base) {
    this.base = base;
  }

  /** POSTs the sign-in form with {@code key}; the answer as it came (303 and a cookie when the key was good). */
  public HttpResponse<String> signIn(String key) throws IOException, InterruptedException {
    return post("/console/sign-in", "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), null, base.toString());
  }

  /** Signs in with {@code key} and returns the session cookie's value. */
  public String session(String key) throws IOException, InterruptedException {
    return sessionOf(signIn(key)).orElseThrow(() -> new AssertionError("no session for the key"));
  }

  public static Optional<String> sessionOf(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "="))
        .map(c -> c.substring(COOKIE.length() + 1, c.indexOf(';'))).filter(v -> !v.isEmpty()).findFirst();
  }

  /** A form POST; {@code origin} null sends none. */
  public HttpResponse<String> post(String path, String form, String session, String origin) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (session != null) {
      request.header("Cookie", COOKIE + "=" + session);
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET with the session cookie ({@code session} null for none); redirects are not followed. */
  public HttpResponse<String> get(String path, String session) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    if (session != null) {
      request.header("Cookie", COOKIE + "=" + session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
