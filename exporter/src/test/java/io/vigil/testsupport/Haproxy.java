package io.vigil.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HAProxy from Debian's packages ({@code haproxy}) on a free loopback port, balancing over exporter replicas
 * with the shipped example configuration ({@code examples/haproxy.cfg}, its addresses replaced by loopback ones);
 * run in the foreground and stopped by its pid. Without HAProxy installed the test fails.
 */
public final class Haproxy implements AutoCloseable {
  private static final Path EXAMPLE = Path.of("examples", "haproxy.cfg");
  private static final Pattern SERVER = Pattern.compile("(?m)^(\\s*server \\S+) \\S+");
  private final Process process;
  private final URI uri;
  private final Path log;

  private Haproxy(Process process, URI uri, Path log) {
    this.process = process;
    this.uri = uri;
    this.log = log;
  }

  /** Balances over the replicas on these loopback ports. */
  public static Haproxy start(Path workDir, List<Integer> replicaPorts) throws Exception {
    Path binary = Path.of("/usr/sbin/haproxy");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("HAProxy is not installed (no /usr/sbin/haproxy): apt-get install haproxy (.ci/test does)");
    }
    int port = ExporterProcess.freePort();
    String example = Files.readString(EXAMPLE);
    Matcher server = SERVER.matcher(example);
    StringBuilder shipped = new StringBuilder();
    int replica = 0;
    while (server.find()) {
      server.appendReplacement(shipped, "$1 127.0.0.1:" + replicaPorts.get(replica++));
    }
    server.appendTail(shipped);
    if (replica != replicaPorts.size()) {
      throw new AssertionError(EXAMPLE + " has " + replica + " server lines, the test runs " + replicaPorts.size() + " replicas");
    }
    Path config = Files.writeString(workDir.resolve("haproxy.cfg"), shipped.toString().replace("bind :9877", "bind 127.0.0.1:" + port));
    Path log = workDir.resolve("haproxy.log");
    Process process = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    Haproxy haproxy = new Haproxy(process, URI.create("http://127.0.0.1:" + port), log);
    haproxy.awaitListening(port);
    return haproxy;
  }

  private void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("haproxy exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("haproxy did not listen within 20 s:\n" + Files.readString(log));
  }

  public URI uri() {
    return uri;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
