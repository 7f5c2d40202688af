package io.vigil.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The exporter's fat jar run as its own process, the way an operator runs it. */
public final class ExporterProcess implements AutoCloseable {
  private final Process process;
  private final URI uri;
  private final Path log;

  private ExporterProcess(Process process, URI uri, Path log) {
    this.process = process;
    this.uri = uri;
    this.log = log;
  }

  /** Starts {@code java -jar vigil-exporter.jar ARGS --listen 127.0.0.1:PORT} and waits until /-/ready answers. */
  public static ExporterProcess start(Path workDir, Map<String, String> env, String... args) throws Exception {
    Path jar = Path.of("target", "vigil-exporter.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new AssertionError(jar + " is missing: integration tests run after 'mvn package'");
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--listen", "127.0.0.1:" + port));
    Path log = Files.createTempFile(workDir, "exporter-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    ExporterProcess exporter = new ExporterProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
    exporter.awaitReady();
    return exporter;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("the exporter exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        if (http.send(HttpRequest.newBuilder(uri.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the exporter did not get ready within 60 s:\n" + log());
  }

  public URI uri() {
    return uri;
  }

  public long pid() {
    return process.pid();
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  public void signal(String name) throws Exception {
    assert new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor() == 0;
  }

  /** SIGTERM, then waits for a graceful exit; returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the exporter did not stop within 30 s of SIGTERM");
    }
    return process.exitValue();
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook, nothing flushed; returns once the process is gone. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the exporter was still alive 30 s after SIGKILL");
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
