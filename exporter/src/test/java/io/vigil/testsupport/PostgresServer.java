package io.vigil.testsupport;

import io.vigil.config.StoreConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL from Debian's packages ({@code postgresql}), made by the test: initdb in a temporary folder
 * (password authentication, so the store's password file is used), the server on a free loopback port, stopped by
 * its pid (and started again on the same port and data, for outage tests). As root it runs as the {@code postgres}
 * user, as initdb requires. Without PostgreSQL installed the test fails, it never skips.
 */
public final class PostgresServer implements AutoCloseable {
  private static final String SUPERUSER = "postgres";
  private static final String PASSWORD = "vigil-test-pw";
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path root;
  private final Path bin;
  private final int port;
  private final Path passwordFile;
  private final AtomicInteger databases = new AtomicInteger();
  private Process server;

  private PostgresServer(Path root, Path bin, int port, Path passwordFile) {
    this.root = root;
    this.bin = bin;
    this.port = port;
    this.passwordFile = passwordFile;
  }

  public static PostgresServer start() throws IOException, InterruptedException {
    Path bin = findBin();
    Path root = Files.createTempDirectory("vigil-pg-");
    Path passwordFile = root.resolve("password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    if (ROOT) {
      giveToPostgres(root);
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", root.resolve("data").toString(), "-U", SUPERUSER, "-A", "scram-sha-256",
        "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), root.resolve("initdb.log"));
    PostgresServer postgres = new PostgresServer(root, bin, freePort(), passwordFile);
    postgres.startServer();
    return postgres;
  }

  private static Path findBin() throws IOException {
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> list = Files.list(versions)) {
        Path newest = list.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0")))).orElse(null);
        if (newest != null) {
          return newest;
        }
      }
    }
    throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb):"
        + " apt-get install postgresql (.ci/test does)");
  }

  private static void giveToPostgres(Path dir) throws IOException {
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    GroupPrincipal group = users.lookupPrincipalByGroupName(SUPERUSER);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(SUPERUSER));
        view.setGroup(group);
      }
    }
  }

  private static List<String> asPostgres(List<String> command) {
    if (!ROOT) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + SUPERUSER, "--regid=" + SUPERUSER, "--init-groups"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(asPostgres(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(command.get(0) + " failed: " + Files.readString(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts the server (again) on its port and data and waits until it takes connections. */
  public void startServer() throws IOException, InterruptedException {
    // fsync off: the tests kill exporters and stop this server, never the machine, so the OS keeps every write.
    server = new ProcessBuilder(asPostgres(List.of(bin.resolve("postgres").toString(), "-D", root.resolve("data").toString(),
        "-p", Integer.toString(port), "-k", root.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
        "-c", "max_connections=200")))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("server.log").toFile())).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Connection ignored = superuser("postgres")) {
        return;
      } catch (SQLException e) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("PostgreSQL did not start: " + e.getMessage() + "\n" + Files.readString(root.resolve("server.log")));
        }
        Thread.sleep(100);
      }
    }
  }

  /** Stops the server by its pid (fast shutdown: clients are disconnected, committed data is kept) and waits for it. */
  public void stopServer() throws IOException, InterruptedException {
    if (server == null || !server.isAlive()) {
      return;
    }
    new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor();
    if (!server.waitFor(60, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor();
    }
  }

  /** A new empty database, and the store configuration that opens it with the password file. */
  public StoreConfig newDatabase() throws SQLException {
    String name = "vigil_" + databases.incrementAndGet();
    try (Connection connection = superuser("postgres"); Statement st = connection.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return StoreConfig.postgresql(url(name), SUPERUSER, passwordFile.toString());
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A direct connection as the superuser, for what a test checks or breaks behind the store's back. */
  public Connection superuser(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", SUPERUSER);
    properties.setProperty("password", PASSWORD);
    properties.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(url(database), properties);
  }

  public Path passwordFile() {
    return passwordFile;
  }

  /** The server's log, for a failure message. */
  public String log() throws IOException {
    return Files.readString(root.resolve("server.log"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      stopServer();
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
