package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.vigil.config.LiveConfig;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.SelfMetrics;
import io.vigil.push.PushKind;
import io.vigil.push.PushParser;
import io.vigil.state.FakeRecording;
import io.vigil.state.Fleet;
import io.vigil.state.Recorder;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The exporter's routes alone, served over loopback HTTP by the real {@link HttpServer}, with a
 * {@link FakeRecording} and a run history the test gives behind them instead of the store. Keys as in
 * {@link RunningExporter}: {@code acme-push}, {@code acme-read}, {@code globex-read}, {@code admin}. The
 * scrape and chains endpoints and the console have nothing behind them: their ITs cover them. Started before each test and
 * stopped after it, as a JUnit extension ({@code @RegisterExtension}).
 */
final class RoutesFixture implements BeforeEachCallback, AfterEachCallback {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  final TestClock clock = new TestClock(NOW);
  final FakeRecording recorder = new FakeRecording();
  final AtomicBoolean ready = new AtomicBoolean(true);
  private volatile RunHistory history = (key, from, to) -> List.of();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  /** Only for SelfMetrics, which reads its health when its own families are scraped (never here); it writes nothing. */
  private Recorder idle;
  private HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    // Nothing here opens the data directory: the store is faked.
    VigilConfig config = RunningExporter.config(Path.of("unused"));
    idle = new Recorder(null, new Fleet(), clock, 1, Duration.ofSeconds(1));
    LiveConfig live = new LiveConfig(config, null);
    Routes routes = new Routes(new Authenticator(config), new PushParser(() -> live.current().limits(), clock), recorder,
        (key, from, to) -> history.runs(key, from, to), new SelfMetrics(registry, "test", idle), null, tenant -> null, null,
        null, ready::get, null, null, (tenant, limit) -> List.of());
    server = new HttpServer(new InetSocketAddress("127.0.0.1", 0), live, clock, routes);
    server.start();
  }

  void history(RunHistory history) {
    this.history = history;
  }

  HttpResponse<String> send(String method, String path, String key, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String key, String body) throws IOException, InterruptedException {
    return send("POST", path, key, body);
  }

  HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
    return send("GET", path, key, null);
  }

  JsonNode json(HttpResponse<String> response) throws IOException {
    return json.readTree(response.body());
  }

  /** {@code vigil_push_requests_total} of one tenant, kind and result. */
  double pushes(String tenant, PushKind kind, String result) {
    CounterSnapshot counter = (CounterSnapshot) registry.scrape(name -> name.equals("vigil_push_requests")).get(0);
    return counter.getDataPoints().stream()
        .filter(p -> p.getLabels().get("tenant").equals(tenant) && p.getLabels().get("kind").equals(kind.label())
            && p.getLabels().get("result").equals(result))
        .mapToDouble(CounterDataPointSnapshot::getValue).findFirst().orElse(0);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    server.stop();
    idle.close();
  }
}
