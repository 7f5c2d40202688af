package io.vigil.it;

import static io.vigil.testsupport.Pushes.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.Limits;
import io.vigil.config.ServerConfig;
import io.vigil.config.VigilConfig;
import io.vigil.testsupport.RawConnection;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow, oversized and too many connections over real sockets: the server's bounds close them in
 * bounded time, and meanwhile a well-behaved agent's push is acknowledged and a scrape is answered.
 */
class HostileConnectionsIT {
  static final Duration PROMPTLY = Duration.ofSeconds(2);
  static final int MAX_BODY_BYTES = 65_536;
  /** Short bounds, so that every hostile client is dealt with in seconds; all from one address, so no limit per address. */
  static final ServerConfig TIGHT = new ServerConfig(1_000, null, 3, 2, 8_192, 512, 1_000);

  @TempDir
  Path dir;

  final ScheduledExecutorService hostile = Executors.newScheduledThreadPool(2);
  final List<RawConnection> connections = new ArrayList<>();
  int agents;

  @AfterEach
  void stopHostileClients() throws IOException {
    hostile.shutdownNow();
    for (RawConnection connection : connections) {
      connection.close();
    }
  }

  @Test
  void slowlorisConnectionsAreClosedAtTheHeaderDeadlineWhileOthersAreServed() throws Exception {
    try (RunningExporter vigil = start(TIGHT)) {
      for (int i = 0; i < 300; i++) {
        open(vigil, "POST /api/v1/heartbeats HTTP/1.1\r\nHost: vigil\r\nX-Slow: ");
      }
      Instant lastOpened = Instant.now();
      // A byte every 500 ms is well inside the 3 s idle timeout: only the 2 s header deadline can end these.
      trickle("a", 500);

      aWellBehavedAgentIsServedPromptly(vigil);
      aWellBehavedAgentIsServedPromptly(vigil);

      assertEveryConnectionIsClosedByServerBefore(lastOpened.plusSeconds(2 + 1 + 2),
          "a slowloris connection is closed within the 2 s header timeout plus a sweep");
      aWellBehavedAgentIsServedPromptly(vigil);
    }
  }

  @Test
  void headersOverTheLimitGet431InJsonAndTheConnectionIsClosed() throws Exception {
    try (RunningExporter vigil = start(TIGHT)) {
      for (int i = 0; i < 20; i++) {
        RawConnection huge = open(vigil, "GET /metrics HTTP/1.1\r\nHost: vigil\r\nX-Huge: " + "a".repeat(16_384) + "\r\n\r\n");
        RawConnection.Answer answer = huge.readAnswer(PROMPTLY);
        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body()).contains("\"error\":\"request_header_fields_too_large\"");
        assertThat(huge.isClosedByServerWithin(PROMPTLY)).isTrue();
      }
      aWellBehavedAgentIsServedPromptly(vigil);
    }
  }

  @Test
  void aDeclaredBodyOverTheLimitGets413InJsonBeforeItIsSent() throws Exception {
    try (RunningExporter vigil = start(TIGHT)) {
      RawConnection big = open(vigil, pushHeaders("Content-Length: 104857600") + "{\"customer\": ");
      RawConnection.Answer answer = big.readAnswer(PROMPTLY);
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).contains("\"error\":\"payload_too_large\"").contains("at most " + MAX_BODY_BYTES);
      assertThat(big.isClosedByServerWithin(PROMPTLY)).as("the unsent rest of the body is not waited for").isTrue();
      aWellBehavedAgentIsServedPromptly(vigil);
    }
  }

  @Test
  void aChunkedBodyThatNeverEndsGets413OnceOverTheLimit() throws Exception {
    try (RunningExporter vigil = start(TIGHT)) {
      RawConnection endless = open(vigil, pushHeaders("Transfer-Encoding: chunked"));
      String chunk = "1000\r\n" + " ".repeat(4_096) + "\r\n";
      AtomicBoolean accepted = new AtomicBoolean(true);
      hostile.execute(() -> {
        while (accepted.get() && !Thread.currentThread().isInterrupted()) {
          accepted.set(endless.trySend(chunk));
        }
      });
      RawConnection.Answer answer = endless.readAnswer(PROMPTLY);
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).contains("\"error\":\"payload_too_large\"").contains("larger than " + MAX_BODY_BYTES);
      assertThat(endless.isClosedByServerWithin(PROMPTLY)).isTrue();
      aWellBehavedAgentIsServedPromptly(vigil);
    }
  }

  @Test
  void bodiesTrickledBelowTheMinimumRateAreCutOffWhileOthersAreServed() throws Exception {
    try (RunningExporter vigil = start(TIGHT)) {
      for (int i = 0; i < 20; i++) {
        open(vigil, pushHeaders("Content-Length: 1000") + "{");
      }
      Instant lastOpened = Instant.now();
      // 4 bytes a second, inside the 3 s idle timeout but far below the 512 B/s minimum.
      trickle(" ", 250);

      aWellBehavedAgentIsServedPromptly(vigil);

      assertEveryConnectionIsClosedByServerBefore(lastOpened.plusSeconds(3),
          "a trickled body is cut off (mostly with a JSON 408) long before its 250 s");
      aWellBehavedAgentIsServedPromptly(vigil);
    }
  }

  @Test
  void connectionsBeyondTheLimitWaitUntilOthersCloseAndTheServerRecovers() throws Exception {
    ServerConfig twenty = new ServerConfig(20, null, 30, 30, null, null, 20);
    try (RunningExporter vigil = start(twenty)) {
      RawConnection keeper = open(vigil, "GET /-/healthy HTTP/1.1\r\nHost: vigil\r\n\r\n");
      assertThat(keeper.readAnswer(PROMPTLY).status()).isEqualTo(200);
      for (int i = 0; i < 40; i++) {
        connections.add(RawConnection.open(vigil.uri()));
      }

      CompletableFuture<HttpResponse<String>> waiting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .sendAsync(HttpRequest.newBuilder(vigil.uri().resolve("/-/healthy")).build(), HttpResponse.BodyHandlers.ofString());
      Thread.sleep(1_500);
      assertThat(waiting).as("a 21st connection waits while 20 are open").isNotDone();
      keeper.send("GET /-/healthy HTTP/1.1\r\nHost: vigil\r\n\r\n");
      assertThat(keeper.readAnswer(PROMPTLY).status()).as("connections already open are still served").isEqualTo(200);

      for (RawConnection connection : connections) {
        connection.close();
      }
      assertThat(waiting.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
      aWellBehavedAgentIsServedPromptly(vigil);
    }
  }

  @Test
  void oneAddressCannotTakeEveryConnectionAndOthersAreStillServed() throws Exception {
    ServerConfig tenPerAddress = new ServerConfig(20, null, 30, 30, null, null, 10);
    try (RunningExporter vigil = start(tenPerAddress)) {
      List<RawConnection> attack = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        RawConnection connection = RawConnection.openFrom("127.0.0.2", vigil.uri());
        connections.add(connection);
        attack.add(connection);
        connection.trySend("GET /-/healthy HTTP/1.1\r\nHost: vigil\r\n\r\n");
      }

      aWellBehavedAgentIsServedPromptly(vigil);
      aWellBehavedAgentIsServedPromptly(vigil);

      List<RawConnection> served = new ArrayList<>();
      for (RawConnection connection : attack) {
        try {
          assertThat(connection.readAnswer(PROMPTLY).status()).isEqualTo(200);
          served.add(connection);
        } catch (IOException closed) {
          assertThat(connection.isClosedByServerWithin(PROMPTLY)).isTrue();
        }
      }
      assertThat(served).as("keep-alive connections of 127.0.0.2 that are served; the others are closed").hasSize(10);
      RawConnection again = RawConnection.openFrom("127.0.0.2", vigil.uri());
      connections.add(again);
      again.trySend("GET /-/healthy HTTP/1.1\r\nHost: vigil\r\n\r\n");
      assertThat(again.isClosedByServerWithin(PROMPTLY)).as("a new one of 127.0.0.2 while ten are open").isTrue();
      served.get(0).close();
      assertThat(awaitServedFrom("127.0.0.2", vigil)).as("a connection of 127.0.0.2 once one of its ten has closed").isNotNull();
    }
  }

  /** A new connection from {@code address} that is answered, trying for two seconds while closed ones are counted down. */
  private RawConnection awaitServedFrom(String address, RunningExporter vigil) throws Exception {
    Instant deadline = Instant.now().plus(PROMPTLY);
    while (Instant.now().isBefore(deadline)) {
      RawConnection connection = RawConnection.openFrom(address, vigil.uri());
      connections.add(connection);
      try {
        connection.send("GET /-/healthy HTTP/1.1\r\nHost: vigil\r\n\r\n");
        if (connection.readAnswer(PROMPTLY).status() == 200) {
          return connection;
        }
      } catch (IOException closed) {
        Thread.sleep(50);
      }
    }
    return null;
  }

  @Test
  void aBodyThatStallsGets408InJsonWithinTheBodyRateWindowAndIsCountedAsTimeout() throws Exception {
    // 30 s idle timeout: only the body rate (512 B/s) can end the stalled body within seconds.
    ServerConfig patientIdle = new ServerConfig(1_000, null, 30, 2, 8_192, 512, 1_000);
    try (RunningExporter vigil = start(patientIdle)) {
      RawConnection stalled = open(vigil, pushHeaders("Content-Length: 1000") + "{\"custome");
      Instant sent = Instant.now();

      RawConnection.Answer answer = stalled.readAnswer(Duration.ofSeconds(4));
      assertThat(Duration.between(sent, Instant.now())).as("answered within the body-rate window").isLessThan(Duration.ofSeconds(3));
      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.contentType()).startsWith("application/json");
      assertThat(answer.body()).contains("\"error\":\"request_timeout\"")
          .contains("did not arrive in time (slower than 512 bytes per second); nothing was kept, send it again");
      assertThat(stalled.isClosedByServerWithin(PROMPTLY)).isTrue();
      aWellBehavedAgentIsServedPromptly(vigil);
      assertThat(vigil.metrics().value("vigil_push_requests_total", "tenant", "acme", "kind", "heartbeat", "result", "timeout"))
          .isEqualTo(1);
    }
  }

  private RunningExporter start(ServerConfig server) throws Exception {
    VigilConfig base = RunningExporter.config(dir, new Limits(MAX_BODY_BYTES, null, null, null, null, null));
    VigilConfig config = new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, base.limits(), base.tenants(), null,
        server);
    return RunningExporter.start(config, null, new TestClock(Instant.parse("2026-11-25T06:00:00Z")));
  }

  private RawConnection open(RunningExporter vigil, String firstBytes) throws IOException {
    RawConnection connection = RawConnection.open(vigil.uri());
    connections.add(connection);
    connection.send(firstBytes);
    return connection;
  }

  /** From now on, every open hostile connection sends one more byte each period. */
  private void trickle(String oneByte, long periodMillis) {
    hostile.scheduleAtFixedRate(() -> connections.forEach(c -> c.trySend(oneByte)), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private void assertEveryConnectionIsClosedByServerBefore(Instant deadline, String why) throws IOException {
    for (RawConnection connection : connections) {
      assertThat(connection.isClosedByServerWithin(Duration.between(Instant.now(), deadline))).as(why).isTrue();
    }
  }

  private static String pushHeaders(String framing) {
    return "POST /api/v1/heartbeats HTTP/1.1\r\nHost: vigil\r\nAuthorization: Bearer acme-push\r\n"
        + "Content-Type: application/json\r\n" + framing + "\r\n\r\n";
  }

  /** A new connection pushes a heartbeat and scrapes it back, each answered within two seconds. */
  private void aWellBehavedAgentIsServedPromptly(RunningExporter vigil) throws Exception {
    String device = "agent-" + ++agents;
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(PROMPTLY).build();
    URI uri = vigil.uri();
    HttpResponse<String> push = client.send(HttpRequest.newBuilder(uri.resolve("/api/v1/heartbeats")).timeout(PROMPTLY)
        .header("Authorization", "Bearer acme-push").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(heartbeat("Well Behaved", device, 60))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(push.statusCode()).as("push by " + device).isEqualTo(200);
    HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(uri.resolve("/metrics")).timeout(PROMPTLY)
        .header("Authorization", "Bearer " + RunningExporter.ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("device=\"" + device + "\"");
  }
}
