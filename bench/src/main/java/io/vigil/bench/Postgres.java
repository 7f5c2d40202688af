package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL from Debian's packages for the benchmark, made the way the exporter's tests make theirs: initdb
 * in the work dir (password authentication, so the exporter reads its password file), the server on a loopback port
 * with its default durability ({@code fsync} and {@code synchronous_commit} on, as SQLite's {@code synchronous=FULL}),
 * stopped by its pid. As root it runs as the {@code postgres} user, as initdb requires.
 */
final class Postgres implements AutoCloseable {
  static final String USER = "postgres";
  static final String DATABASE = "vigil";
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path root;
  private final Path bin;
  private final int port;
  private final Process server;

  private Postgres(Path root, Path bin, int port, Process server) {
    this.root = root;
    this.bin = bin;
    this.port = port;
    this.server = server;
  }

  /** initdb in {@code root}, the server on a free loopback port, and an empty database {@link #DATABASE}. */
  static Postgres start(Path root, List<Process> children) throws Exception {
    Path bin = newestBin();
    Files.createDirectories(root);
    Path password = root.resolve("password");
    Files.writeString(password, "vigil-bench-pw\n");
    if (ROOT) {
      // the work dir is the bench's (mode 700): the postgres user may pass through it to its own folder
      Files.setPosixFilePermissions(root.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
      giveToPostgres(root);
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", root.resolve("data").toString(), "-U", USER, "-A", "scram-sha-256",
        "--pwfile=" + password, "-E", "UTF8", "--locale=C.UTF-8"), root.resolve("initdb.log"), Map.of());
    int port = Main.freePort();
    Process server = new ProcessBuilder(asPostgres(List.of(bin.resolve("postgres").toString(), "-D", root.resolve("data").toString(),
        "-p", Integer.toString(port), "-k", root.toString(), "-c", "listen_addresses=127.0.0.1")))
        .redirectErrorStream(true).redirectOutput(root.resolve("server.log").toFile()).start();
    children.add(server);
    Postgres postgres = new Postgres(root, bin, port, server);
    long deadline = System.nanoTime() + 60_000_000_000L;
    Map<String, String> env = Map.of("PGPASSWORD", "vigil-bench-pw");
    while (true) {
      try {
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, DATABASE),
            root.resolve("createdb.log"), env);
        return postgres;
      } catch (IOException notYet) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(root.resolve("server.log")), notYet);
        }
        Thread.sleep(200);
      }
    }
  }

  /** The {@code store:} section of an exporter's configuration that opens the database. */
  String storeYaml(int poolSize) {
    return "store:\n  type: postgresql\n  url: jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "\n  user: " + USER
        + "\n  password_file: " + root.resolve("password") + "\n  pool: {max_size: " + poolSize + "}\n";
  }

  /** The server's version line, for the report. */
  String version() throws Exception {
    return Main.exec(bin.resolve("postgres").toString(), "--version").trim();
  }

  private static Path newestBin() throws IOException {
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> list = Files.list(versions)) {
        Path newest = list.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
            .orElse(null);
        if (newest != null) {
          return newest;
        }
      }
    }
    throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql");
  }

  private static void giveToPostgres(Path dir) throws IOException {
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        Files.setOwner(file, users.lookupPrincipalByName(USER));
      }
    }
  }

  private static List<String> asPostgres(List<String> command) {
    if (!ROOT) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void run(List<String> command, Path log, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(asPostgres(command)).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(command.get(0) + " failed: " + Files.readString(log));
    }
  }

  /** Fast shutdown by pid (SIGINT), then waits for it. */
  @Override
  public void close() throws Exception {
    if (server.isAlive()) {
      new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor();
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }
}
