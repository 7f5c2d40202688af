package io.vigil.it.soak;

import io.vigil.testsupport.Exposition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A Prometheus-like client scraping one endpoint about every second, in turn as text and OpenMetrics,
 * plain and gzip. Each scrape must answer 200 in the format asked for and parse. It keeps what each
 * scrape said of the connector, and its last text-format body for promtool.
 */
final class Scraper {
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String[] CONNECTOR = {"tenant", "acme", "connector", "img01"};
  static final String[] C_VOL = {"tenant", "acme", "connector", "img01", "folder", "acme/SRV01", "volume", "C_VOL"};

  /** The connector as one scrape showed it: its newest poll's start, up, and the chain depth of C_VOL (absent: null). */
  record ConnectorSeen(double lastPollSeconds, boolean up, Double chainDepth) {}

  final String path;
  final List<ConnectorSeen> connector = new ArrayList<>();
  private final String key;
  private final Http http;
  private final Problems problems;
  private final Latencies latencies;
  private String lastText;

  Scraper(String path, String key, Http http, Problems problems, Latencies latencies) {
    this.path = path;
    this.key = key;
    this.http = http;
    this.problems = problems;
    this.latencies = latencies;
  }

  void run(Duration period, BooleanSupplier running) throws InterruptedException {
    Pace.repeat(period, running, i -> scrape(i % 2 == 0 ? TEXT : OPENMETRICS, i % 4 < 2 ? "gzip" : "identity"));
  }

  private void scrape(String accept, String encoding) throws InterruptedException {
    String what = path + " (" + accept.split(";")[0] + ", " + encoding + ")";
    try {
      Http.Answer answer = http.get(path, key, "Accept", accept, "Accept-Encoding", encoding);
      latencies.add(answer.nanos());
      if (answer.status() != 200) {
        problems.add(what + " answered " + answer.status() + ": " + answer.body());
        return;
      }
      boolean openMetrics = accept.equals(OPENMETRICS);
      if (!answer.contentType().startsWith(accept.split(";")[0]) || openMetrics != answer.body().endsWith("# EOF\n")) {
        problems.add(what + " answered " + answer.contentType());
        return;
      }
      Exposition exposition = Exposition.parse(answer.body());
      if (exposition.samples("vigil_tenant_info").isEmpty()) {
        problems.add(what + " has no vigil_tenant_info");
      }
      observeConnector(exposition);
      if (!openMetrics) {
        lastText = answer.body();
      }
    } catch (IOException | RuntimeException e) {
      problems.add(what + " failed: " + e);
    }
  }

  private void observeConnector(Exposition exposition) {
    Optional<Exposition.Sample> lastPoll = exposition.find("vigil_connector_last_poll_timestamp_seconds", CONNECTOR);
    if (lastPoll.isPresent()) {
      connector.add(new ConnectorSeen(lastPoll.get().value(), exposition.value("vigil_connector_up", CONNECTOR) == 1,
          exposition.find("vigil_chain_depth", C_VOL).map(Exposition.Sample::value).orElse(null)));
    }
  }

  String lastText() {
    return lastText;
  }
}
