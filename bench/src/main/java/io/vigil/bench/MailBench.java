package io.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Notification mails against HTTP pushes of the same job reports (issue 15): the exporter jar with its SMTP listener,
 * {@code workers} SMTP sessions each delivering Veeam notifications one after the other, timed from the end of DATA
 * (the final dot) to the 250, which comes only once the reports are committed; then the same reports as job-report
 * pushes over as many HTTP connections, timed per request. Run by {@code bash bench/run.sh mail}.
 */
final class MailBench {
  static final String ADDRESS = "backups-bench@vigil.test";
  static final String PUSH_KEY = "bench-mail-push";

  record Result(String what, int count, double seconds, double[] latenciesMs) {
    double perSecond() {
      return count / seconds;
    }

    double percentile(double p) {
      double[] sorted = latenciesMs.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
  }

  static String run(String jar, int mails, int workers, Path dir, List<Process> children) throws Exception {
    int http = freePort();
    int smtp = freePort();
    Path config = dir.resolve("mail-bench.yml");
    Files.writeString(config, "smtp:\n  listen: 127.0.0.1:" + smtp + "\n  messages_per_minute_per_address: 1000000\n"
        + "  max_connections_per_address: " + Math.max(10, workers) + "\ntenants:\n  - account: acme\n    keys:\n"
        + "      - role: push\n        sha256: " + FleetModel.sha256(PUSH_KEY) + "\n    mail:\n      addresses:\n"
        + "        - address: " + ADDRESS + "\n");
    Vigil vigil = Vigil.start(jar, config, dir.resolve("data"), http, dir.resolve("mail-bench.log"), null, children);
    try {
      Result mail = load("mail (DATA end to 250)", mails, workers, () -> Smtp.open(smtp), (i, session) -> session.deliver(message(i)));
      Result push = load("HTTP push (request to 200)", mails, workers, () -> null, (i, session) -> push(vigil.uri, i));
      return table(mails, workers, mail, push);
    } finally {
      vigil.stop();
    }
  }

  @FunctionalInterface
  interface Send {
    /** Sends report {@code i} and returns its latency in nanoseconds. */
    long send(int i, Smtp session) throws Exception;
  }

  @FunctionalInterface
  interface Sessions {
    /** A worker's SMTP session, or null for HTTP. */
    Smtp open() throws IOException;
  }

  static Result load(String what, int count, int workers, Sessions sessions, Send send) throws Exception {
    double[] latencies = new double[count];
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int worker = w;
        done.add(pool.submit(() -> {
          try (Smtp session = sessions.open()) {
            for (int i = worker; i < count; i += workers) {
              latencies[i] = send.send(i, session) / 1e6;
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Result(what, count, (System.nanoTime() - t0) / 1e9, latencies);
  }

  static String message(int i) {
    return "From: veeam@c" + (i % 100) + ".example\r\nTo: " + ADDRESS + "\r\nSubject: [Success] job-" + i + " (3 objects)\r\n"
        + "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
        + "\r\nMessage-ID: <bench-" + i + "@vigil.test>\r\nContent-Type: text/plain\r\n\r\nDuration: 0:10:00\r\nTransferred: 1.5 GB\r\n";
  }

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static long push(URI base, int i) throws Exception {
    Instant end = Instant.now().minusSeconds(1);
    String body = String.format(Locale.ROOT, "{\"customer\": \"c%d.example\", \"device\": \"veeam@c%d.example\", \"job\": \"job-%d-http\","
        + " \"run_id\": \"http-%d\", \"status\": \"success\", \"started_at\": \"%s\", \"ended_at\": \"%s\", \"bytes\": 1500000000,"
        + " \"message\": \"3 object(s)\", \"product\": \"veeam\"}", i % 100, i % 100, i, i, end.minusSeconds(600), end);
    long t0 = System.nanoTime();
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/job-reports"))
        .header("Authorization", "Bearer " + PUSH_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    long latency = System.nanoTime() - t0;
    if (response.statusCode() != 200) {
      throw new IllegalStateException("push " + i + " answered " + response.statusCode() + ": " + response.body());
    }
    return latency;
  }

  static String table(int mails, int workers, Result... results) {
    StringBuilder md = new StringBuilder("| " + mails + " reports, " + workers + " connections | per second | p50 ms | p99 ms |\n"
        + "|---|---|---|---|\n");
    for (Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f |%n", r.what(), r.perSecond(), r.percentile(0.5),
          r.percentile(0.99)));
    }
    return md.toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** One SMTP session: EHLO once, then a MAIL, RCPT, DATA transaction per message. */
  static final class Smtp implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private Smtp(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      this.out = socket.getOutputStream();
    }

    static Smtp open(int port) throws IOException {
      Smtp smtp = new Smtp(new Socket("127.0.0.1", port));
      smtp.expect(220);
      smtp.command("EHLO bench.example", 250);
      return smtp;
    }

    /** Delivers one message and returns the nanoseconds from the end of its data to the 250. */
    long deliver(String message) throws IOException {
      command("MAIL FROM:<veeam@bench.example>", 250);
      command("RCPT TO:<" + ADDRESS + ">", 250);
      command("DATA", 354);
      out.write((message + ".\r\n").getBytes(StandardCharsets.ISO_8859_1));
      long t0 = System.nanoTime();
      out.flush();
      expect(250);
      return System.nanoTime() - t0;
    }

    private void command(String line, int code) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      expect(code);
    }

    private void expect(int code) throws IOException {
      String line;
      do {
        line = in.readLine();
        if (line == null) {
          throw new IOException("the server closed the connection");
        }
      } while (line.length() > 3 && line.charAt(3) == '-');
      if (!line.startsWith(Integer.toString(code))) {
        throw new IOException("expected " + code + ", got: " + line);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
