package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The exporter's fat jar as a child process, the way an operator runs it. */
final class Vigil {
  final Process process;
  final URI uri;
  final Path log;
  final double readySeconds;
  /** {@link System#nanoTime()} when the process was started. */
  final long startedNanos;

  private Vigil(Process process, URI uri, Path log, double readySeconds, long startedNanos) {
    this.process = process;
    this.uri = uri;
    this.log = log;
    this.readySeconds = readySeconds;
    this.startedNanos = startedNanos;
  }

  /** Starts {@code java -jar JAR --config --data-dir --listen} and returns once /-/ready answers 200, timed from the start. */
  static Vigil start(String jar, Path config, Path data, int port, Path log, Path jfr, List<Process> children) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (jfr != null) {
      command.add("-XX:StartFlightRecording=filename=" + jfr + ",dumponexit=true,settings=profile");
    }
    String javaOptions = System.getenv().getOrDefault("BENCH_EXPORTER_JAVA_OPTS", "").strip();
    if (!javaOptions.isEmpty()) {
      command.addAll(List.of(javaOptions.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar, "--config", config.toString(), "--data-dir", data.toString(),
        "--listen", "127.0.0.1:" + port));
    URI uri = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    long t0 = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    children.add(process);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the exporter exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(HttpRequest.newBuilder(uri.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return new Vigil(process, uri, log, (System.nanoTime() - t0) / 1e9, t0);
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      if (System.nanoTime() - t0 > 300e9) {
        throw new IllegalStateException("the exporter was not ready within 300 s:\n" + Files.readString(log));
      }
      Thread.sleep(20);
    }
  }

  /** The exporter's own start line, which counts the jobs and devices it loaded. */
  String loadedLine() throws Exception {
    return Files.readAllLines(log).stream().filter(l -> l.contains("loaded)")).findFirst().orElse("(no start line)")
        .replaceAll(".*serving", "serving");
  }

  void stop() throws Exception {
    process.destroy();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the exporter did not stop within 120 s of SIGTERM");
    }
  }
}
