package io.vigil;

import io.vigil.config.ConfigException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.StoreType;
import io.vigil.config.VigilConfig;
import io.vigil.demo.DemoConnector;
import io.vigil.demo.DemoFleet;
import io.vigil.http.Authenticator;
import io.vigil.store.StoreCopy;
import io.vigil.mail.SmtpBindException;
import io.vigil.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line: parses flags, wires an {@link Exporter}, and waits for a signal. */
@Command(name = "vigil-exporter", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Receives backup job reports, heartbeats and error events; exposes them as Prometheus metrics.",
    subcommands = {Main.HashKey.class, Main.MigrateStore.class})
public final class Main implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (tenants, keys, defaults).")
  Path configFile;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Address to serve on (default 0.0.0.0:9877; 127.0.0.1:9877 with --demo).")
  String listen;

  @Option(names = "--smtp-listen", paramLabel = "HOST:PORT",
      description = "Take notification mails on this address (overrides smtp.listen; " + DemoFleet.SMTP_LISTEN + " with --demo).")
  String smtpListen;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the embedded store keeps its file (default ./data; a new temporary folder with --demo).")
  Path dataDir;

  @Option(names = "--demo", description = "Serve a simulated fleet of several tenants, pushed through the real API.")
  boolean demo;

  @Option(names = "--check-config", description = "Validate the configuration and exit.")
  boolean checkConfig;

  private DemoConnector demoConnector;
  /** The temporary store of a demo run, deleted when it ends. */
  private Path demoDataDir;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } finally {
      if (demoConnector != null) {
        demoConnector.close();
      }
      if (demoDataDir != null) {
        deleteTree(demoDataDir);
      }
    }
  }

  private int run() throws Exception {
    VigilConfig config;
    try {
      config = loadConfig();
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      return 2;
    }
    if (checkConfig) {
      System.out.println("configuration OK: " + config.tenants().size() + " tenant(s)" + (config.tls() != null ? ", HTTPS" : ""));
      return 0;
    }
    Exporter exporter;
    try {
      exporter = Exporter.start(config, demo ? null : configFile, Clock.systemUTC(),
          started -> {
            if (demo) {
              new DemoFleet(started.uri(), Clock.systemUTC()).start();
              started.pollConnectorsNow();
              System.out.println(DemoFleet.banner(started.uri(), started.smtpAddress().orElse(null)));
            }
          });
    } catch (StoreException e) {
      System.err.println("store error: " + e.getMessage());
      return 3;
    } catch (IOException e) {
      BindException busy = bindFailure(e);
      if (busy == null) {
        throw e;
      }
      if (busy instanceof SmtpBindException) {
        System.err.println(busy.getMessage() + "; stop what uses it or choose another address with --smtp-listen HOST:PORT");
      } else {
        System.err.println("cannot listen on " + config.listen() + ": " + busy.getMessage()
            + "; stop what uses it or choose another address with --listen HOST:PORT");
      }
      return 4;
    }
    CountDownLatch stop = new CountDownLatch(1);
    stopOn(stop, "TERM", "INT");
    reloadOnHangup(exporter);
    stop.await();
    exporter.close();
    return 0;
  }

  private static BindException bindFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException bind) {
        return bind;
      }
    }
    return null;
  }

  /**
   * SIGTERM (systemd, docker stop, kill) and SIGINT (Ctrl-C) end the wait for a clean shutdown that exits
   * with 0; left to the JVM they would run shutdown hooks and exit with 143 or 130.
   */
  @SuppressWarnings("restriction")
  private static void stopOn(CountDownLatch stop, String... signals) {
    for (String name : signals) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.countDown());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private VigilConfig loadConfig() throws Exception {
    if (demo) {
      if (dataDir == null) {
        demoDataDir = Files.createTempDirectory("vigil-demo-");
      }
      String dir = dataDir != null ? dataDir.toString() : demoDataDir.toString();
      demoConnector = DemoConnector.start(Clock.systemUTC());
      VigilConfig config = DemoFleet.config(demoConnector).withListenAndDataDir(listen != null ? listen : "127.0.0.1:9877", dir);
      config = config.withSmtp(config.smtp().withListen(smtpListen != null ? smtpListen : DemoFleet.SMTP_LISTEN));
      ConfigLoader.validate("demo", config);
      return config;
    }
    if (configFile == null) {
      throw new ConfigException("command line", java.util.List.of("--config FILE is required (or --demo to try Vigil out)"));
    }
    VigilConfig config = new ConfigLoader().load(configFile).withListenAndDataDir(listen, dataDir != null ? dataDir.toString() : null);
    if (smtpListen != null) {
      config = config.withSmtp(config.smtp().withListen(smtpListen));
      ConfigLoader.validate("--smtp-listen", config);
    }
    return config;
  }

  @SuppressWarnings("restriction")
  private static void reloadOnHangup(Exporter exporter) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
        try {
          exporter.config().reload();
          log.info("configuration reloaded on SIGHUP");
        } catch (ConfigException e) {
          log.error("configuration not reloaded, the running one stays: {}", e.getMessage());
        }
      });
    } catch (IllegalArgumentException e) {
      log.warn("SIGHUP is not available here; use POST /api/v1/admin/reload");
    }
  }

  /** Prints the SHA-256 to put in the configuration for a key read from standard input. */
  @Command(name = "hash-key", mixinStandardHelpOptions = true,
      description = "Read a key from standard input and print the sha256 value for the configuration file.")
  static final class HashKey implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      String key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (key == null || key.isBlank()) {
        System.err.println("no key on standard input");
        return 2;
      }
      System.out.println(Authenticator.sha256Hex(key.strip()));
      return 0;
    }
  }

  /** Copies an SQLite store into the empty PostgreSQL store a configuration file names. */
  @Command(name = "migrate-store", mixinStandardHelpOptions = true,
      description = "Copy every job, device, run and event of an SQLite store into an empty PostgreSQL store.")
  static final class MigrateStore implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The SQLite store's data directory.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "FILE",
        description = "A configuration file whose store section is the PostgreSQL store (type: postgresql).")
    Path to;

    @Override
    public Integer call() {
      VigilConfig target;
      try {
        target = new ConfigLoader().load(to);
      } catch (ConfigException e) {
        System.err.println("configuration error: " + e.getMessage());
        return 2;
      }
      if (target.store().type() != StoreType.POSTGRESQL) {
        System.err.println("configuration error: " + to + ": store.type must be postgresql to migrate into it");
        return 2;
      }
      try {
        StoreCopy.Copied copied = StoreCopy.sqliteToPostgres(from, target.store());
        System.out.println("copied " + copied.jobs() + " job(s), " + copied.devices() + " device(s), " + copied.runs() + " run(s), "
            + copied.events() + " event(s) and " + copied.outages() + " outage(s) from " + from + " to " + target.store().url());
        return 0;
      } catch (StoreException e) {
        System.err.println("store error: " + e.getMessage());
        return 3;
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"vigil-exporter " + Exporter.version()};
    }
  }
}
