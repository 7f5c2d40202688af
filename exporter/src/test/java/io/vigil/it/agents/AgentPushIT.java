package io.vigil.it.agents;

import static io.vigil.it.agents.Agents.CUSTOMER;
import static io.vigil.it.agents.Agents.DEVICE;
import static io.vigil.it.agents.Agents.onlyRun;
import static io.vigil.it.agents.Agents.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.vigil.config.TlsConfig;
import io.vigil.config.VigilConfig;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.RunningExporter;
import io.vigil.tls.testsupport.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** agents/vigil-push against a real exporter on loopback, under dash, busybox sh and bash. */
class AgentPushIT {
  static final String[] DEVICE_LABELS = {"tenant", "acme", "customer", CUSTOMER, "device", DEVICE};

  @TempDir
  Path dir;
  RunningExporter vigil;

  @BeforeEach
  void start() throws Exception {
    vigil = RunningExporter.start(RunningExporter.config(dir.resolve("data")), null, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  private Agents agents(Shell shell, String url) throws Exception {
    return new Agents(shell, Files.createDirectories(dir.resolve("agent")), url);
  }

  private static String[] job(String name) {
    return new String[] {"tenant", "acme", "customer", CUSTOMER, "device", DEVICE, "backup_job", name};
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void aJobReportArrivesWithEveryField(Shell shell) throws Exception {
    Agents agent = agents(shell, Agents.url(vigil));
    long end = Instant.now().getEpochSecond() - 60;
    agent.expect(0, "vigil-push", "job", "--job", "nightly", "--status", "warning", "--started", Long.toString(end - 600),
        "--ended", Instant.ofEpochSecond(end).toString(), "--bytes", "53687091200", "--files", "120344", "--errors", "2",
        "--warnings", "5", "--message", "Completed with 5 warnings", "--run-id", "2026-11-25-0100", "--grace", "129600",
        "--product", "ImageBackup 8.1");
    JsonNode run = onlyRun(vigil, "nightly");
    assertThat(run.get("run_id").asText()).isEqualTo("2026-11-25-0100");
    assertThat(run.get("status").asText()).isEqualTo("warning");
    assertThat(run.get("started_at").asText()).isEqualTo(Instant.ofEpochSecond(end - 600).toString());
    assertThat(run.get("ended_at").asText()).isEqualTo(Instant.ofEpochSecond(end).toString());
    assertThat(run.get("bytes").asLong()).isEqualTo(53_687_091_200L);
    assertThat(run.get("files").asLong()).isEqualTo(120_344);
    assertThat(run.get("errors").asLong()).isEqualTo(2);
    assertThat(run.get("warnings").asLong()).isEqualTo(5);
    assertThat(run.get("message").asText()).isEqualTo("Completed with 5 warnings");
    Exposition metrics = vigil.metrics();
    assertThat(metrics.jobStatus(job("nightly"))).isEqualTo("warning");
    assertThat(metrics.value("vigil_job_grace_seconds", job("nightly"))).isEqualTo(129_600);
    assertThat(metrics.value("vigil_job_last_run_duration_seconds", job("nightly"))).isEqualTo(600);
    assertThat(agent.spooled()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void hostileNamesAndMessagesArriveByteExact(Shell shell) throws Exception {
    Agents agent = agents(shell, Agents.url(vigil));
    String name = "nightly \"full\" \\\\server\\share 'quoted' $(id) `id` ${HOME} * % 😀 ü";
    String hostile = "line 1\nline 2\r\n\ttab \"quote\" \\ backslash \\n not a newline \u0001\u001f\u007f 😀 é ü %s %% $(id) `id`";
    StringBuilder message = new StringBuilder(hostile);
    while (message.codePointCount(0, message.length()) < 1024) {
      message.append(message.codePointCount(0, message.length()) % 7 == 0 ? "😀" : "x");
    }
    assertThat(message.codePointCount(0, message.length())).isEqualTo(1024);
    agent.expect(0, "vigil-push", "job", "--job", name, "--status", "success", "--message", message.toString());
    assertThat(onlyRun(vigil, name).get("message").asText()).isEqualTo(message.toString());
    assertThat(vigil.metrics().value("vigil_job_runs_total", "customer", CUSTOMER, "device", DEVICE, "backup_job", name,
        "result", "success")).isEqualTo(1);

    // over the exporter's bound: the first 1,024 characters are kept rather than the report refused
    agent.expect(0, "vigil-push", "job", "--job", "long", "--status", "success", "--message", message + "tail beyond 1024");
    assertThat(onlyRun(vigil, "long").get("message").asText()).isEqualTo(message.toString());

    // bytes that are not UTF-8 (a binary's output) become U+FFFD instead of a refused report
    agent.expect(0, "vigil-push", "run", "--job", "binary", "--", "printf", "\\377ok\\300\\n");
    assertThat(onlyRun(vigil, "binary").get("message").asText()).isEqualTo("\uFFFDok\uFFFD");
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void heartbeatsAndEventsArrive(Shell shell) throws Exception {
    Agents agent = agents(shell, Agents.url(vigil));
    agent.expect(0, "vigil-push", "heartbeat", "--interval", "60", "--product", "SiteRecorder \"NVR\"", "--version", "2024 R2");
    Exposition metrics = vigil.metrics();
    assertThat(metrics.value("vigil_device_up", DEVICE_LABELS)).isEqualTo(1);
    assertThat(metrics.value("vigil_device_heartbeat_interval_seconds", DEVICE_LABELS)).isEqualTo(60);
    assertThat(metrics.find("vigil_device_info", "device", DEVICE, "product", "SiteRecorder \"NVR\"", "version", "2024 R2")).isPresent();

    agent.expect(0, "vigil-push", "event", "--error", "disk_full", "--state", "raised", "--message", "Recording disk D:\\ is \"full\"\n");
    assertThat(vigil.metrics().value("vigil_device_error_active", "device", DEVICE, "error", "disk_full")).isEqualTo(1);
    Thread.sleep(1100); // events are ordered by their time (whole seconds): the clearing one must be later
    agent.expect(0, "vigil-push", "event", "--error", "disk_full", "--state", "cleared");
    assertThat(vigil.metrics().value("vigil_device_error_active", "device", DEVICE, "error", "disk_full")).isZero();
    assertThat(agent.spooled()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void runReportsTheCommandWithItsExitCodeOutputAndDuration(Shell shell) throws Exception {
    Agents agent = agents(shell, Agents.url(vigil));
    Agents.Result failed = agent.run("vigil-push", "run", "--job", "dump", "--", "sh", "-c",
        "echo 'dumping \"db\"'; sleep 1; echo 'pg_dump: error: disk full' >&2; exit 3");
    assertThat(failed.exitCode()).as(failed.stderr()).isEqualTo(3);
    assertThat(failed.stdout()).contains("dumping \"db\"").contains("disk full");
    JsonNode run = onlyRun(vigil, "dump");
    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("message").asText()).isEqualTo("dumping \"db\"\npg_dump: error: disk full");
    assertThat(Instant.parse(run.get("ended_at").asText()))
        .isAfterOrEqualTo(Instant.parse(run.get("started_at").asText()).plusSeconds(1));

    // times have whole seconds, and a failure ending in the same second as a success counts as the newer run
    Thread.sleep(1_100);
    agent.expect(0, "vigil-push", "run", "--job", "dump", "--", "true");
    assertThat(vigil.metrics().jobStatus(job("dump"))).isEqualTo("ok");
    assertThat(runs(vigil, "dump")).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void anOutageLosesNothingAndFlushDeliversEachReportExactlyOnce(Shell shell) throws Exception {
    Agents agent = agents(shell, Agents.deadUrl());
    Agents.Result spooled = agent.expect(0, "vigil-push", "job", "--job", "nightly", "--status", "success", "--run-id", "r1");
    assertThat(spooled.stderr()).contains("cannot reach").contains("spooled");
    agent.expect(0, "vigil-push", "heartbeat", "--interval", "300");
    agent.expect(0, "vigil-push", "heartbeat", "--interval", "300");
    agent.expect(0, "vigil-push", "event", "--error", "archive_failed", "--state", "raised");
    // the newer heartbeat replaced the older one
    assertThat(agent.spooled()).hasSize(3);
    assertThat(agent.spool().resolve(".backoff")).exists();

    agent.env().put("VIGIL_URL", Agents.url(vigil));
    // within the backoff an invocation adds its report to the spool and leaves the exporter alone
    Agents.Result waiting = agent.expect(0, "vigil-push", "job", "--job", "nightly", "--status", "success", "--run-id", "r2");
    assertThat(waiting.stderr()).contains("waits");
    assertThat(agent.spooled()).hasSize(4);
    assertThat(runs(vigil, "nightly")).isEmpty();
    Path first = agent.spooled().get(0);
    byte[] firstReport = Files.readAllBytes(first);

    agent.expect(0, "vigil-push", "flush");
    assertThat(agent.spooled()).isEmpty();
    assertThat(agent.spool().resolve(".backoff")).doesNotExist();
    assertThat(runs(vigil, "nightly")).extracting(r -> r.get("run_id").asText()).containsExactlyInAnyOrder("r1", "r2");
    Exposition metrics = vigil.metrics();
    assertThat(metrics.value("vigil_device_up", DEVICE_LABELS)).isEqualTo(1);
    assertThat(metrics.value("vigil_device_error_active", "device", DEVICE, "error", "archive_failed")).isEqualTo(1);

    // a report sent but whose answer was lost stays spooled: sending it again does not count it twice
    Files.write(first, firstReport);
    agent.expect(0, "vigil-push", "flush");
    assertThat(agent.spooled()).isEmpty();
    assertThat(runs(vigil, "nightly")).hasSize(2);
    assertThat(vigil.metrics().value("vigil_job_runs_total", "backup_job", "nightly", "result", "success")).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void aRefusedReportIsMovedAsideWithTheAnswerAndNotRetried(Shell shell) throws Exception {
    Agents agent = agents(shell, Agents.url(vigil));
    Agents.Result refused = agent.expect(1, "vigil-push", "job", "--job", "two\nlines", "--status", "success");
    assertThat(refused.stderr()).contains("refused").contains("400").contains("control characters");
    assertThat(agent.spooled()).isEmpty();
    List<Path> rejected = agent.spooled("rejected");
    assertThat(rejected).hasSize(1);
    Path answer = Path.of(rejected.get(0).toString().replaceAll("\\.json$", ".answer"));
    assertThat(Files.readString(answer)).startsWith("HTTP 400").contains("job must not contain control characters");

    agent.expect(0, "vigil-push", "job", "--job", "nightly", "--status", "success");
    agent.expect(0, "vigil-push", "flush");
    assertThat(onlyRun(vigil, "nightly").get("status").asText()).isEqualTo("success");
    assertThat(agent.spooled("rejected")).hasSize(1);
    assertThat(Files.readString(answer)).startsWith("HTTP 400");

    // a wrong key is this machine's configuration, not a bad report: kept until the key is fixed
    agent.env().put("VIGIL_KEY", "not-the-key");
    agent.expect(0, "vigil-push", "job", "--job", "nightly", "--status", "failed", "--run-id", "after-key-fix");
    assertThat(agent.spooled()).hasSize(1);
    agent.env().put("VIGIL_KEY", "acme-push");
    agent.expect(0, "vigil-push", "flush");
    assertThat(runs(vigil, "nightly")).extracting(r -> r.get("run_id").asText()).contains("after-key-fix");
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void theSpoolIsBoundedAndDropsTheOldestReports(Shell shell) throws Exception {
    Agents agent = agents(shell, Agents.deadUrl());
    agent.env().put("VIGIL_SPOOL_MAX_REPORTS", "3");
    for (int i = 1; i <= 5; i++) {
      agent.expect(0, "vigil-push", "job", "--job", "nightly", "--status", "success", "--run-id", "r" + i);
      Thread.sleep(i == 5 ? 0 : 1000); // one report per second: the spool's names order them
    }
    List<Path> kept = agent.spooled();
    assertThat(kept).hasSize(3);
    assertThat(String.join("", kept.stream().map(AgentPushIT::read).toList()))
        .contains("\"r3\"", "\"r4\"", "\"r5\"").doesNotContain("\"r1\"", "\"r2\"");
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void retryAfterFromA429SetsTheBackoff(Shell shell) throws Exception {
    HttpServer busy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    busy.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"error\": \"too_many_requests\", \"message\": \"this key is over its rate limit\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Retry-After", "900");
      exchange.sendResponseHeaders(429, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    busy.start();
    try {
      Agents agent = agents(shell, "http://127.0.0.1:" + busy.getAddress().getPort());
      agent.expect(0, "vigil-push", "job", "--job", "nightly", "--status", "success");
      assertThat(agent.spooled()).hasSize(1);
      String[] backoff = Files.readString(agent.spool().resolve(".backoff")).trim().split(" ");
      assertThat(backoff[1]).isEqualTo("900");
      assertThat(Long.parseLong(backoff[0]) - Instant.now().getEpochSecond()).isBetween(800L, 900L);
      agent.expect(75, "vigil-push", "flush");
      assertThat(agent.spooled()).hasSize(1);
    } finally {
      busy.stop(0);
    }
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void overHttpsAPrivateCaIsTrustedThroughVigilCacert(Shell shell) throws Exception {
    TestPki msp = TestPki.create(Files.createDirectories(dir.resolve("pki")), "msp");
    TestPki.Issued cert = msp.issue("vigil", "localhost", "127.0.0.1");
    VigilConfig base = RunningExporter.config(dir.resolve("https-data"));
    VigilConfig config = new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, null, base.tenants(),
        new TlsConfig(cert.certFile().toString(), cert.keyFile().toString(), null, null, null));
    try (RunningExporter https = RunningExporter.start(config, null, Clock.systemUTC(),
        HttpClient.newBuilder().sslContext(msp.clientContext(null)).build())) {
      Agents agent = agents(shell, Agents.url(https));
      // without the CA the certificate is not trusted: nothing is sent in clear, the report waits
      Agents.Result untrusted = agent.expect(0, "vigil-push", "job", "--job", "nightly", "--status", "success");
      assertThat(untrusted.stderr()).contains("curl exit 60");
      assertThat(agent.spooled()).hasSize(1);
      agent.env().put("VIGIL_CACERT", msp.caFile().toString());
      agent.expect(0, "vigil-push", "flush");
      assertThat(agent.spooled()).isEmpty();
      assertThat(onlyRun(https, "nightly").get("status").asText()).isEqualTo("success");
    }
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void settingsComeFromTheConfigFileAndUnknownOnesAreRefused(Shell shell) throws Exception {
    Agents agent = agents(shell, Agents.url(vigil));
    Path key = Files.writeString(dir.resolve("push.key"), "acme-push\n");
    Path config = Files.writeString(dir.resolve("agent.conf"), """
        # Vigil agent settings
        VIGIL_URL=%s
        VIGIL_KEY_FILE="%s"
        VIGIL_CUSTOMER='%s'
        VIGIL_DEVICE=%s
        """.formatted(Agents.url(vigil), key, CUSTOMER, DEVICE));
    for (String setting : List.of("VIGIL_URL", "VIGIL_KEY", "VIGIL_CUSTOMER", "VIGIL_DEVICE")) {
      agent.env().remove(setting);
    }
    agent.env().put("VIGIL_CONFIG", config.toString());
    agent.expect(0, "vigil-push", "job", "--job", "from-config", "--status", "success");
    assertThat(onlyRun(vigil, "from-config").get("status").asText()).isEqualTo("success");

    Files.writeString(config, "VIGIL_URL=" + Agents.url(vigil) + "\nVIGIL_PASSWORD=x\n");
    Agents.Result bad = agent.expect(2, "vigil-push", "heartbeat");
    assertThat(bad.stderr()).contains(config + ":2: unknown setting 'VIGIL_PASSWORD'");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
