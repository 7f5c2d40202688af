package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real wrk (the Debian package the test command installs) replaying prepared requests to a loopback server. */
class WrkTest {
  @TempDir Path dir;

  @Test
  void replaysEveryPreparedRequestWithItsMethodKeyTypeAndBodyAndCountsTheRefusedOnes() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization")
          + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
      int status = exchange.getRequestURI().getPath().equals("/refused") ? 400 : 200;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    try {
      List<Load.Req> requests = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        requests.add(new Load.Req("POST", "/push/" + i, "key-" + i, "application/json", "{\"n\":" + i + ",\n\"s\":\"a\\tb\"}", 3));
      }
      requests.add(new Load.Req("PUT", "/refused", null, "text/plain; version=0.0.4", "metric 1\n", 3));
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

      Wrk.Result result = new Wrk(dir, 2).run("test", base, requests, 2, 1, ProcessHandle.current().pid());

      assertThat(seen).containsExactlyInAnyOrder(
          "POST /push/0 Bearer key-0 application/json {\"n\":0,\n\"s\":\"a\\tb\"}",
          "POST /push/1 Bearer key-1 application/json {\"n\":1,\n\"s\":\"a\\tb\"}",
          "POST /push/2 Bearer key-2 application/json {\"n\":2,\n\"s\":\"a\\tb\"}",
          "POST /push/3 Bearer key-3 application/json {\"n\":3,\n\"s\":\"a\\tb\"}",
          "POST /push/4 Bearer key-4 application/json {\"n\":4,\n\"s\":\"a\\tb\"}",
          "PUT /refused null text/plain; version=0.0.4 metric 1\n");
      assertThat(result.requests()).isGreaterThan(60);
      // one request in six is refused; wrk counts the answers that were not 2xx/3xx
      assertThat((double) result.notOk() / result.requests()).isBetween(0.1, 0.25);
      assertThat(result.socketErrors()).isZero();
      assertThat(result.eventsPerSecond()).isEqualTo(result.requestsPerSecond() * 3);
      assertThat(result.p99Millis()).isGreaterThanOrEqualTo(result.p50Millis()).isPositive();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void readsWrksSummaryInEveryUnit() {
    String out = """
        Running 10s test @ http://127.0.0.1:1234
          2 threads and 32 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.20ms    2.00ms  50.00ms   95.00%
          Latency Distribution
             50%  850.00us
             75%    1.10ms
             90%    2.00ms
             99%    1.02s
          123456 requests in 10.01s, 9.87MB read
          Socket errors: connect 0, read 2, write 0, timeout 3
          Non-2xx or 3xx responses: 7
        Requests/sec:  12333.33
        Transfer/sec:      0.99MB
        """;
    Wrk.Result r = Wrk.parse("x", 32, 500, 2.0, out);
    assertThat(r.requests()).isEqualTo(123456);
    assertThat(r.seconds()).isEqualTo(10.01);
    assertThat(r.requestsPerSecond()).isEqualTo(12333.33);
    assertThat(r.p50Millis()).isEqualTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.p99Millis()).isEqualTo(1020.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.notOk()).isEqualTo(7);
    assertThat(r.socketErrors()).isEqualTo(5);
    assertThat(r.eventsPerSecond()).isEqualTo(12333.33 * 500);
  }
}
