package io.vigil.demo;

import io.vigil.connector.ConnectorVersion;
import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.demo.DemoRepository;
import io.vigil.connector.http.BearerTokenAuth;
import io.vigil.connector.http.ConnectorServer;
import io.vigil.connector.inventory.Inventory;
import io.vigil.connector.inventory.InventoryBuilder;
import io.vigil.connector.inventory.InventoryService;
import io.vigil.connector.inventory.SpaceProbe;
import io.vigil.connector.scan.ImageNames;
import io.vigil.connector.scan.RepositoryScanner;
import io.vigil.tls.ServerTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo's image-backup server: the connector module's {@link DemoRepository} written into a
 * temporary folder (sparse files) and served by the connector's own HTTP server on a loopback port,
 * so the exporter polls it over the real HTTP path.
 */
public record DemoConnector(ConnectorServer server, String token, Path repository, String scheme) implements AutoCloseable {
  public static final String NAME = "demo-img01";

  /** Writes the demo repository and starts serving it on 127.0.0.1 (a free port). */
  public static DemoConnector start(Clock clock) throws Exception {
    return start(clock, null);
  }

  /** As {@link #start(Clock)}, over HTTPS when {@code tls} is given. */
  public static DemoConnector start(Clock clock, ServerTls tls) throws Exception {
    Path repository = Files.createTempDirectory("vigil-demo-repository-");
    new DemoRepository(clock, DemoRepository.REALISTIC).write(repository);
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    InventoryService inventory = new InventoryService(new RepositoryScanner(repository, new ImageNames()),
        new InventoryBuilder(new Inventory.Connector(NAME, ConnectorVersion.get()), new ChainAnalyzer(), DemoRepository.POLICY,
            Optional.of(DemoRepository.MANAGED)),
        clock, Duration.ofSeconds(60), Duration.ofSeconds(1), SpaceProbe.fileStore());
    inventory.rescan();
    ConnectorServer server = new ConnectorServer(new InetSocketAddress("127.0.0.1", 0),
        inventory::current, new BearerTokenAuth(token), tls).start();
    return new DemoConnector(server, token, repository, tls == null ? "http" : "https");
  }

  public String url() {
    return scheme + "://127.0.0.1:" + server.port();
  }

  /** Stops serving and deletes the demo repository. */
  @Override
  public void close() {
    server.close();
    try (Stream<Path> files = Files.walk(repository)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder: what is left the system cleans up
    }
  }
}
