package io.vigil.poll;

import io.vigil.config.ConnectorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches a connector's inventory, and on demand one volume's chains, with Apache HttpClient 5 (classic):
 * a bounded connection pool, the connector's timeout as connect timeout, response (read) timeout and
 * overall deadline, a bounded body, no retries and no redirects (the token goes only where it is
 * configured to go), TLS as each connector's {@link io.vigil.config.ConnectorTls} says
 * ({@link PerConnectorTls}). Sends {@code If-None-Match} with the last ETag; 304 means unchanged. Never
 * throws: every failure is a {@link Fetch} (or {@link ChainsFetch}) with its {@link PollResult}.
 */
public final class ConnectorClient implements AutoCloseable {
  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final CloseableHttpClient http;
  private final Map<String, Duration> connectTimeouts = new ConcurrentHashMap<>();
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "vigil-poll-deadline");
    t.setDaemon(true);
    return t;
  });
  private final InventoryParser parser = new InventoryParser();
  private final ChainsParser chainsParser = new ChainsParser();

  /** {@code maxConnections} bounds the pool (at most 2 per connector). */
  public ConnectorClient(int maxConnections) {
    PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(2)
        .setTlsSocketStrategy(new PerConnectorTls())
        .setConnectionConfigResolver(route -> {
          Timeout connect = Timeout.of(connectTimeouts.getOrDefault(key(route.getTargetHost()), DEFAULT_CONNECT_TIMEOUT));
          return ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(connect)
              .setValidateAfterInactivity(TimeValue.ofSeconds(2)).setTimeToLive(TimeValue.ofMinutes(5)).build();
        })
        .build();
    http = HttpClients.custom()
        .setConnectionManager(pool)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .evictIdleConnections(TimeValue.ofSeconds(10))
        .setUserAgent("vigil-exporter")
        .build();
  }

  /** One GET of the inventory; {@code etag} (may be null) goes in {@code If-None-Match}. */
  public Fetch fetch(ConnectorConfig connector, String etag) {
    Answer answer = get(connector, connector.inventoryUri(), etag);
    if (answer.result() != PollResult.OK) {
      return new Fetch(answer.result(), null, answer.etag(), answer.detail());
    }
    try {
      return new Fetch(PollResult.OK, parser.parse(answer.body()), answer.etag(), "ok");
    } catch (InventoryParser.MalformedInventoryException e) {
      return Fetch.failed(PollResult.MALFORMED, e.getMessage());
    }
  }

  /**
   * One GET of the image graph of one volume's chains ({@code /api/v1/chains}), with the same token, TLS,
   * timeout and body limit as the inventory. {@code status} is the connector's HTTP status (0 without one).
   */
  public ChainsFetch chains(ConnectorConfig connector, String customer, String folder, String volume) {
    Answer answer = get(connector, connector.chainsUri(customer, folder, volume), null);
    if (answer.result() != PollResult.OK) {
      return new ChainsFetch(answer.result(), answer.status(), null, answer.detail());
    }
    try {
      return new ChainsFetch(PollResult.OK, 200, chainsParser.parse(answer.body()), "ok");
    } catch (ChainsParser.MalformedChainsException e) {
      return new ChainsFetch(PollResult.MALFORMED, 200, null, e.getMessage());
    }
  }

  /** What one GET gave: for {@link PollResult#OK} the body and ETag, else what went wrong. */
  private record Answer(PollResult result, int status, byte[] body, String etag, String detail) {
    static Answer failed(PollResult result, int status, String detail) {
      return new Answer(result, status, null, null, detail);
    }
  }

  private Answer get(ConnectorConfig connector, URI uri, String etag) {
    String token;
    try {
      token = connector.bearerToken();
    } catch (IOException e) {
      return Answer.failed(PollResult.ERROR, 0, "cannot read the token: " + e.getMessage());
    }
    Duration timeout = connector.timeout();
    connectTimeouts.put(key(uri), timeout);
    HttpGet get = new HttpGet(uri);
    get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).setConnectionRequestTimeout(Timeout.of(timeout)).build());
    get.setHeader("Authorization", "Bearer " + token);
    get.setHeader("Accept", "application/json");
    if (etag != null) {
      get.setHeader("If-None-Match", etag);
    }
    AtomicBoolean deadlinePassed = new AtomicBoolean();
    ScheduledFuture<?> deadline = deadlines.schedule(() -> {
      deadlinePassed.set(true);
      get.cancel();
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(PerConnectorTls.SETTINGS, connector.tls());
    // Pooled connections are kept per TLS settings: one opened with a connector's CA or certificate never serves another's poll.
    context.setUserToken(connector.tls());
    AtomicReference<Answer> decided = new AtomicReference<>();
    try {
      return http.execute(get, context, response -> {
        decided.set(answer(response, etag, connector.maxBodyBytes(), get));
        return decided.get();
      });
    } catch (IOException | RuntimeException e) {
      if (decided.get() != null) {
        return decided.get(); // decided, then the abandoned rest of the body failed to drain: the decision stands
      }
      if (deadlinePassed.get() || e instanceof InterruptedIOException) {
        return Answer.failed(PollResult.TIMEOUT, 0, "no complete answer within " + timeout.toSeconds() + " s");
      }
      String tls = e instanceof IOException io ? PerConnectorTls.explain(io, context) : null;
      if (tls != null) {
        return Answer.failed(PollResult.ERROR, 0, "TLS with " + key(uri) + " failed: " + tls);
      }
      return Answer.failed(PollResult.ERROR, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      deadline.cancel(false);
    }
  }

  private static Answer answer(ClassicHttpResponse response, String etag, long maxBody, HttpGet get) throws IOException {
    int code = response.getCode();
    if (code == 304) {
      return etag != null ? new Answer(PollResult.NOT_MODIFIED, code, null, etag, "not modified")
          : Answer.failed(PollResult.HTTP_ERROR, code, "304 to a request without If-None-Match");
    }
    if (code == 401 || code == 403) {
      return Answer.failed(PollResult.UNAUTHORIZED, code, "answered " + code + ": check the token");
    }
    if (code != 200) {
      return Answer.failed(PollResult.HTTP_ERROR, code, "answered " + code);
    }
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return Answer.failed(PollResult.MALFORMED, code, "200 without a body");
    }
    if (entity.getContentLength() > maxBody) {
      get.cancel(); // do not drain what we refuse to read
      return Answer.failed(PollResult.OVERSIZED, code, "body of " + entity.getContentLength() + " bytes exceeds " + maxBody);
    }
    byte[] body;
    try (InputStream in = entity.getContent()) {
      body = readAtMost(in, maxBody);
      if (body == null) {
        get.cancel();
        return Answer.failed(PollResult.OVERSIZED, code, "body exceeds " + maxBody + " bytes");
      }
    }
    Header tag = response.getFirstHeader("ETag");
    return new Answer(PollResult.OK, code, body, tag != null ? tag.getValue() : null, "ok");
  }

  /** The whole stream, or null once it passes {@code max} bytes. */
  static byte[] readAtMost(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static String key(URI uri) {
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return uri.getHost().replace("[", "").replace("]", "").toLowerCase(Locale.ROOT) + ":" + port;
  }

  private static String key(HttpHost host) {
    int port = host.getPort() >= 0 ? host.getPort() : "https".equalsIgnoreCase(host.getSchemeName()) ? 443 : 80;
    return host.getHostName().replace("[", "").replace("]", "").toLowerCase(Locale.ROOT) + ":" + port;
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
    try {
      http.close();
    } catch (IOException e) {
      // nothing left to do on shutdown
    }
  }
}
