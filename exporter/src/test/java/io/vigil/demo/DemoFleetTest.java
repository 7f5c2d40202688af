package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testsupport.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The demo's agents behave as agents should: a connection the server closes before answering is tried again. */
class DemoFleetTest {
  @Test
  void aPushWhoseConnectionTheServerClosesIsSentAgainAfterAPause() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread fake = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket connection = server.accept()) {
            byte[] body = readRequestBody(connection.getInputStream());
            if (connections.incrementAndGet() % 3 == 1) {
              continue; // closed without an answer, as a server cutting a connection would
            }
            assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("{\"items\":[");
            OutputStream out = connection.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answered.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      }, "fake-exporter");
      fake.setDaemon(true);
      fake.start();

      new DemoFleet(URI.create("http://127.0.0.1:" + server.getLocalPort()), new TestClock(Instant.parse("2026-11-30T12:00:00Z")))
          .start();

      assertThat(answered.get()).as("pushes of the history, each answered after its first connection was cut").isPositive();
      assertThat(connections.get()).isGreaterThan(answered.get());
    }
  }

  /** Reads one HTTP/1.1 request with a Content-Length and returns its body. */
  private static byte[] readRequestBody(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the headers");
      }
      head.write(b);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return in.readNBytes(length);
  }
}
