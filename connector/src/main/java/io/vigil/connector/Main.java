package io.vigil.connector;

import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.demo.DemoRepository;
import io.vigil.connector.http.BearerTokenAuth;
import io.vigil.connector.http.ConnectorServer;
import io.vigil.connector.inventory.Inventory;
import io.vigil.connector.inventory.InventoryBuilder;
import io.vigil.connector.inventory.InventoryService;
import io.vigil.connector.inventory.SpaceProbe;
import io.vigil.connector.scan.ImageNames;
import io.vigil.connector.scan.ManagedList;
import io.vigil.connector.scan.RepositoryScanner;
import io.vigil.tls.KeyMaterialException;
import io.vigil.tls.ServerTls;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** Command line entry point: parses flags, wires the scanner, the cache and the HTTP server. */
@Command(name = "vigil-connector", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Scans an image-backup repository (ROOT/CUSTOMER/FOLDER) and serves its chains "
                + "as JSON at /api/v1/inventory for the Vigil exporter.")
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", description = "Repository root (ROOT/CUSTOMER/FOLDER/images).")
    Path root;

    @Option(names = "--demo-repository", paramLabel = "DIR",
            description = "Write a sample repository into DIR and serve it (with the demo managed list and "
                    + "retention policy unless given).")
    Path demoRepository;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "0.0.0.0:9878",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String listen;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TokenSource token;

    @Option(names = "--name", paramLabel = "NAME", description = "Connector name in the inventory (default: host name).")
    String name;

    @Option(names = "--managed-list", paramLabel = "FILE",
            description = "Managed folders, one CUSTOMER/FOLDER a line; other folders are reported as unmanaged.")
    Path managedList;

    @Option(names = "--rescan-seconds", paramLabel = "N", defaultValue = "60",
            description = "Rescan at most this often; a change to the folder tree triggers a rescan sooner "
                    + "(default: ${DEFAULT-VALUE}).")
    long rescanSeconds;

    @Option(names = "--max-restore-points", paramLabel = "N",
            description = "Flag chains with more restore points than N (default: off).")
    Integer maxRestorePoints;

    @Option(names = "--consolidate-after-days", paramLabel = "N",
            description = "Flag chains with incrementals older than N days that no consolidated file covers "
                    + "(default: off).")
    Integer consolidateAfterDays;

    @Option(names = "--expected-retention-days", paramLabel = "INTRA,DAILY,WEEKLY", split = ",",
            description = "Flag chains that keep intra-daily incrementals, dailies or weeklies longer than these "
                    + "days after their next consolidation (ImageManager's defaults: 7,15,90; default: off).")
    List<Integer> expectedRetentionDays;

    @ArgGroup(exclusive = false, heading = "TLS (HTTPS only when given)%n")
    TlsOptions tls;

    static final class TlsOptions {
        @ArgGroup(exclusive = true, multiplicity = "1")
        TlsIdentity identity;

        @Option(names = "--tls-client-ca-file", paramLabel = "FILE",
                description = "Require client certificates signed by a CA in this PEM bundle (mutual TLS).")
        Path clientCaFile;
    }

    static final class TlsIdentity {
        @ArgGroup(exclusive = false)
        PemFiles pem;

        @ArgGroup(exclusive = false)
        KeystoreFile keystore;
    }

    static final class PemFiles {
        @Option(names = "--tls-cert-file", paramLabel = "FILE", required = true,
                description = "Server certificate chain (PEM, leaf first).")
        Path cert;

        @Option(names = "--tls-key-file", paramLabel = "FILE", required = true,
                description = "Private key of the certificate (PEM: PKCS#8, PKCS#1 or EC; unencrypted).")
        Path key;
    }

    static final class KeystoreFile {
        @Option(names = "--tls-keystore-file", paramLabel = "FILE", required = true,
                description = "PKCS12 or JKS keystore with the server's key and certificate chain.")
        Path file;

        @Option(names = "--tls-keystore-password-file", paramLabel = "FILE", required = true,
                description = "File whose first line is the keystore password.")
        Path passwordFile;
    }

    static final class TokenSource {
        @Option(names = "--token-file", paramLabel = "FILE", description = "Read the bearer token from FILE (first line).")
        Path file;

        @Option(names = "--token-env", paramLabel = "VAR", description = "Read the bearer token from environment variable VAR.")
        String env;

        @Option(names = "--token", paramLabel = "T", description = "The bearer token (visible in the process list; prefer the others).")
        String value;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vigil-connector " + ConnectorVersion.get()};
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Config config = config();
        InventoryService service = new InventoryService(
                new RepositoryScanner(config.root, new ImageNames()),
                new InventoryBuilder(new Inventory.Connector(config.name, ConnectorVersion.get()),
                        new ChainAnalyzer(), config.policy, config.managed),
                Clock.systemUTC(), Duration.ofSeconds(rescanSeconds), Duration.ofSeconds(1), SpaceProbe.fileStore());
        service.rescan();
        ConnectorServer server = new ConnectorServer(config.listen, service::current,
                new BearerTokenAuth(config.token), config.tls);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        LOG.info("vigil-connector {} serving {} on {}://{}:{}{}", ConnectorVersion.get(), config.root,
                config.tls == null ? "http" : "https", config.listen.getHostString(), server.port(),
                config.tls != null && config.tls.clientCa() != null ? " (client certificates required)" : "");
        server.join();
        return 0;
    }

    record Config(Path root, InetSocketAddress listen, String token, String name, Optional<ManagedList> managed,
                  RetentionPolicy policy, ServerTls tls) {}

    /** Checks every flag before anything starts; a bad value fails with the flag's name. */
    Config config() throws Exception {
        if ((root == null) == (demoRepository == null)) {
            throw bad("give exactly one of --root DIR or --demo-repository DIR");
        }
        if (rescanSeconds < 0) {
            throw bad("--rescan-seconds must be 0 or greater");
        }
        if (maxRestorePoints != null && maxRestorePoints < 1) {
            throw bad("--max-restore-points must be 1 or greater");
        }
        if (consolidateAfterDays != null && consolidateAfterDays < 1) {
            throw bad("--consolidate-after-days must be 1 or greater");
        }
        if (expectedRetentionDays != null
                && (expectedRetentionDays.size() != 3 || expectedRetentionDays.stream().anyMatch(d -> d == null || d < 1))) {
            throw bad("--expected-retention-days takes three whole numbers of days, each 1 or greater (e.g. 7,15,90)");
        }
        Path repo = root;
        Optional<ManagedList> managed = Optional.empty();
        RetentionPolicy demoPolicy = RetentionPolicy.NONE;
        if (demoRepository != null) {
            new DemoRepository(Clock.systemUTC(), DemoRepository.REALISTIC).write(demoRepository);
            repo = demoRepository;
            managed = Optional.of(DemoRepository.MANAGED);
            demoPolicy = DemoRepository.POLICY;
        } else if (!Files.isDirectory(repo)) {
            throw bad("--root " + repo + " is not a directory");
        }
        if (managedList != null) {
            try {
                managed = Optional.of(ManagedList.read(managedList));
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw bad("--managed-list: " + e.getMessage());
            }
        }
        RetentionPolicy policy = new RetentionPolicy(
                consolidateAfterDays != null ? Duration.ofDays(consolidateAfterDays) : demoPolicy.consolidateAfter(),
                maxRestorePoints != null ? maxRestorePoints : demoPolicy.maxRestorePoints(),
                expectedRetentionDays != null ? new RetentionPolicy.Keep(Duration.ofDays(expectedRetentionDays.get(0)),
                        Duration.ofDays(expectedRetentionDays.get(1)), Duration.ofDays(expectedRetentionDays.get(2)))
                        : demoPolicy.keep());
        return new Config(repo.toAbsolutePath().normalize(), listenAddress(), readToken(), connectorName(), managed,
                policy, serverTls());
    }

    /** Loads and checks the TLS files now, so a bad one fails at start naming its flag. */
    private ServerTls serverTls() throws java.io.IOException {
        if (tls == null) {
            return null;
        }
        PemFiles pem = tls.identity.pem;
        KeystoreFile keystore = tls.identity.keystore;
        try {
            if (pem != null) {
                return ServerTls.pem(pem.cert, pem.key, tls.clientCaFile);
            }
            if (!Files.isReadable(keystore.passwordFile)) {
                throw bad("--tls-keystore-password-file: cannot read " + keystore.passwordFile);
            }
            String password = Files.readString(keystore.passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return ServerTls.keystore(keystore.file, password, tls.clientCaFile);
        } catch (KeyMaterialException e) {
            String flag = switch (e.role()) {
                case CERTIFICATE -> "--tls-cert-file";
                case PRIVATE_KEY -> "--tls-key-file";
                case KEYSTORE -> "--tls-keystore-file";
                case TRUSTED_CAS -> "--tls-client-ca-file";
            };
            throw bad(flag + " " + e.file() + ": " + e.problem());
        }
    }

    private InetSocketAddress listenAddress() {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw bad("--listen must be HOST:PORT, got " + listen);
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw bad("--listen port must be 0 to 65535, got " + port);
            }
            return InetSocketAddress.createUnresolved(host.isEmpty() ? "0.0.0.0" : host, port);
        } catch (NumberFormatException e) {
            throw bad("--listen must be HOST:PORT, got " + listen);
        }
    }

    private String readToken() throws java.io.IOException {
        String value;
        if (token.file != null) {
            if (!Files.isReadable(token.file)) {
                throw bad("--token-file " + token.file + " is not readable");
            }
            value = Files.readString(token.file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } else if (token.env != null) {
            value = System.getenv(token.env);
            if (value == null) {
                throw bad("--token-env: environment variable " + token.env + " is not set");
            }
        } else {
            value = token.value;
        }
        if (value.isBlank()) {
            throw bad("the token is empty");
        }
        return value.strip();
    }

    private String connectorName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "connector";
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
