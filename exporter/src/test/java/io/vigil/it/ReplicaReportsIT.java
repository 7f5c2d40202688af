package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import io.vigil.config.StoreConfig;
import io.vigil.http.Authenticator;
import io.vigil.testsupport.ExporterProcess;
import io.vigil.testsupport.PostgresServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report delivery across two exporter replicas (the fat jar) over one real PostgreSQL, mailing through a real SMTP relay
 * on loopback (GreenMail): a digest due when both start is received once per recipient, mailed by the replica that holds
 * the lease; a report that only the other replica knows of stays unsent while the leading one lives, and once the leading
 * one is killed with SIGKILL the survivor takes the lease and mails it, once.
 */
class ReplicaReportsIT {
  /**
   * The digest's time of day: ten minutes ago (UTC), so it is due at the start and not again for almost a day, even when
   * the test runs over midnight (a digest at 00:00 fell due again then).
   */
  static final LocalDateTime DIGEST_DUE = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
  private static final int LEASE_SECONDS = 4;
  /** The relay timeout; a delivery's claim lasts one per SMTP round trip (8 + one per recipient), so 30 s for acme's. */
  private static final int RELAY_TIMEOUT_SECONDS = 3;
  /** Longer than any claim here: a delivery whose outcome was not recorded would be claimed and sent again by then. */
  private static final long AFTER_CLAIMS_MILLIS = (RELAY_TIMEOUT_SECONDS * 10 + 3) * 1000L;
  private static final String LEADS = "this replica now polls the connectors";
  private static final String MAILED = "mailed the daily report";
  private static final Map<String, Integer> ACME_ONCE = Map.of("noc@acme.example", 1, "owner@acme.example", 1);

  @TempDir
  Path dir;
  private PostgresServer postgres;
  private StoreConfig database;
  private GreenMail relay;
  private final Path[] configs = new Path[2];
  private final ExporterProcess[] replicas = new ExporterProcess[2];

  @BeforeEach
  void start() throws Exception {
    relay = new GreenMail(new ServerSetup(ExporterProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    relay.start();
    postgres = PostgresServer.start();
    database = postgres.newDatabase();
    for (int i = 0; i < 2; i++) {
      configs[i] = dir.resolve("vigil-" + i + ".yml");
      Files.writeString(configs[i], config(false));
    }
  }

  /** Both replicas' configuration: acme's digest is due ({@link #DIGEST_DUE}); globex's too when {@code globexDigest}. */
  private String config(boolean globexDigest) {
    return "admin_keys: [{sha256: " + Authenticator.sha256Hex("admin-key") + "}]\n"
        + "tenants:\n"
        + "  - account: acme\n"
        + "    keys: [{role: push, sha256: " + Authenticator.sha256Hex("acme-push") + "}]\n"
        + "    reports:\n"
        + "      daily_digest: {time: \"" + DIGEST_DUE.toLocalTime() + "\", recipients: [noc@acme.example, owner@acme.example]}\n"
        + "  - account: globex\n"
        + "    keys: [{role: push, sha256: " + Authenticator.sha256Hex("globex-push") + "}]\n"
        + (globexDigest ? "    reports:\n      daily_digest: {time: \"" + DIGEST_DUE.toLocalTime()
            + "\", recipients: [noc@globex.example]}\n" : "")
        + "reports:\n"
        + "  check_interval_seconds: 1\n"
        + "  smtp: {host: 127.0.0.1, port: " + relay.getSmtp().getPort() + ", security: none, from: vigil@msp.example,"
        + " timeout_seconds: " + RELAY_TIMEOUT_SECONDS + "}\n"
        + "store:\n"
        + "  type: postgresql\n"
        + "  url: " + database.url() + "\n"
        + "  user: " + database.user() + "\n"
        + "  password_file: " + database.passwordFile() + "\n"
        + "  pool: {max_size: 4, connection_timeout_seconds: 2}\n"
        + "  lease_seconds: " + LEASE_SECONDS + "\n";
  }

  private ExporterProcess startReplica(int i) throws Exception {
    return ExporterProcess.start(dir, Map.of(), "--config", configs[i].toString(), "--data-dir", dir.resolve("data" + i).toString());
  }

  @AfterEach
  void stop() throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "replica-reports-it"));
    try (var files = Files.list(dir)) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (AutoCloseable closeable : new AutoCloseable[] {replicas[0], replicas[1], postgres}) {
      if (closeable != null) {
        closeable.close();
      }
    }
    relay.stop();
  }

  @Test
  void theLeadingReplicaMailsEachReportOnceAndTheSurvivorTakesDeliveryOverWhenItIsKilled() throws Exception {
    // Started together, so both look for due reports at once: only the lease and the claims keep them from both mailing.
    CompletableFuture<ExporterProcess> second = CompletableFuture.supplyAsync(() -> {
      try {
        return startReplica(1);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    replicas[0] = startReplica(0);
    replicas[1] = second.join();

    assertThat(awaitMessages(2, 30)).as("acme's digest reached its two recipients").isTrue();
    Thread.sleep(AFTER_CLAIMS_MILLIS);
    assertThat(received()).as("messages per recipient once the claim's lease is over").isEqualTo(ACME_ONCE);
    int leader = awaitLeader();
    int survivor = 1 - leader;
    assertThat(replicas[leader].log()).as("the leading replica's log").contains(MAILED);
    assertThat(replicas[survivor].log()).as("the other replica's log").doesNotContain(MAILED);

    // Globex's digest is due in the other replica's configuration only: it must wait for the lease.
    Files.writeString(configs[survivor], config(true));
    HttpResponse<String> reload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(replicas[survivor].uri()
        .resolve("/api/v1/admin/reload")).header("Authorization", "Bearer admin-key").POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    Thread.sleep(3_000);
    assertThat(received()).as("messages per recipient while the leading replica lives").isEqualTo(ACME_ONCE);

    replicas[leader].kill9();
    long killed = System.nanoTime();
    assertThat(awaitMessages(3, LEASE_SECONDS + 20)).as("globex's digest, mailed by the survivor").isTrue();
    System.out.println("ReplicaReportsIT: the survivor mailed globex's digest " + (System.nanoTime() - killed) / 1_000_000
        + " ms after the leading replica was killed");
    Thread.sleep(AFTER_CLAIMS_MILLIS);
    assertThat(received()).as("messages per recipient once the survivor's claim's lease is over")
        .isEqualTo(Map.of("noc@acme.example", 1, "owner@acme.example", 1, "noc@globex.example", 1));
    assertThat(replicas[survivor].log()).as("the survivor's log").contains(MAILED + " " + today() + " of tenant globex")
        .doesNotContain("of tenant acme");
  }

  /** The day the digests are dated: that of their time of day's newest passing. */
  private static String today() {
    return DIGEST_DUE.toLocalDate().toString();
  }

  /** The replica that took the lease, from its log. */
  private int awaitLeader() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(LEASE_SECONDS + 10).toNanos();
    while (System.nanoTime() < deadline) {
      boolean[] leads = {replicas[0].log().contains(LEADS), replicas[1].log().contains(LEADS)};
      assertThat(leads).as("replicas that took the lease").containsOnlyOnce(true);
      if (leads[0] || leads[1]) {
        return leads[0] ? 0 : 1;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no replica took the lease within " + (LEASE_SECONDS + 10) + " s");
  }

  /** Whether the relay holds {@code total} messages within {@code seconds}, counting those that came before the call too. */
  private boolean awaitMessages(int total, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < deadline) {
      if (relay.getReceivedMessages().length >= total) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** Messages received per recipient's mailbox. */
  private Map<String, Integer> received() throws FolderException {
    Map<String, Integer> counts = new TreeMap<>();
    for (GreenMailUser user : relay.getUserManager().listUser()) {
      counts.put(user.getEmail(), relay.getManagers().getImapHostManager().getInbox(user).getMessageCount());
    }
    return counts;
  }
}
