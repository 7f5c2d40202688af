package io.vigil.it;

import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.store.SqliteStore;
import io.vigil.store.Transaction;
import io.vigil.testsupport.ExporterProcess;
import io.vigil.testsupport.KeysYaml;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as an operator runs it: config file, SIGHUP reload, SIGTERM shutdown, restart, --check-config, a damaged
 * store, a damaged write-ahead log, an empty store file, a heap too small for the stored state.
 */
class CommandLineIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  Path writeConfig(String pushKey) throws Exception {
    Path file = dir.resolve("vigil.yml");
    Files.writeString(file, KeysYaml.of("admin-key-1", "acme", pushKey, "acme-read-key"));
    return file;
  }

  static int post(URI base, String path, String key, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static String get(URI base, String path, String key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void sighupSwapsKeysAndSigtermKeepsEveryAcknowledgedPushForTheNextStart() throws Exception {
    Path config = writeConfig("push-key-old");
    String data = dir.resolve("data").toString();
    Instant end = Instant.now().minusSeconds(60);
    try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of("VIGIL_LOG_FORMAT", "json"),
        "--config", config.toString(), "--data-dir", data)) {
      for (int i = 0; i < 20; i++) {
        assertThat(post(vigil.uri(), "/api/v1/job-reports", "push-key-old",
            jobReport("Dental", "fs01", "nightly", "r" + i, "success", end.plusSeconds(i)))).isEqualTo(200);
      }
      writeConfig("push-key-new");
      vigil.signal("HUP");
      awaitStatus(vigil.uri(), "push-key-new", 200);
      assertThat(post(vigil.uri(), "/api/v1/heartbeats", "push-key-old", "{\"customer\": \"a\", \"device\": \"b\"}")).isEqualTo(401);
      assertThat(vigil.stop()).as("exit code of a clean shutdown after SIGTERM").isZero();
      String log = vigil.log();
      assertThat(log.lines().filter(l -> l.startsWith("{"))).isNotEmpty()
          .allSatisfy(line -> assertThat(new ObjectMapper().readTree(line).get("level")).isNotNull());
      assertThat(log).contains("configuration reloaded").doesNotContain("push-key-old").doesNotContain("push-key-new");
    }
    try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of(), "--config", config.toString(), "--data-dir", data)) {
      String metrics = get(vigil.uri(), "/tenants/acme/metrics", "acme-read-key");
      assertThat(metrics).contains("vigil_job_runs_total{backup_job=\"nightly\",customer=\"Dental\",device=\"fs01\",result=\"success\",tenant=\"acme\"} 20.0");
    }
  }

  @Test
  void aBusyPortIsNamedInOneLineWithWhatToDoAndTheDemoLeavesNoTemporaryFolder() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      String listen = "127.0.0.1:" + taken.getLocalPort();
      Process start = jar("-Djava.io.tmpdir=" + tmp, "--demo", "--listen", listen).redirectErrorStream(true).start();
      String output = new String(start.getInputStream().readAllBytes());
      assertThat(start.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(start.exitValue()).as("exit code; output:%n%s", output).isEqualTo(4);
      assertThat(output).contains("cannot listen on " + listen + ": Address already in use")
          .contains("--listen HOST:PORT").doesNotContain("\tat ").doesNotContain("Exception");
      assertThat(output.lines().filter(l -> !l.isBlank())).as("output lines").hasSize(1);
    }
    assertThat(vigilFolders(tmp)).as("temporary folders left in %s", tmp).isEmpty();
  }

  @Test
  void theDemoDeletesItsTemporaryStoreAfterSigtermAndExitsWithZero() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp), "--demo")) {
      assertThat(vigilFolders(tmp)).as("the demo's store and image repository while it runs").hasSize(2);
      assertThat(vigil.stop()).as("exit code of a clean shutdown after SIGTERM").isZero();
      assertThat(vigil.log()).contains("Vigil exporter stopped");
    }
    assertThat(vigilFolders(tmp)).as("temporary folders left in %s", tmp).isEmpty();
  }

  private static List<String> vigilFolders(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith("vigil-")).toList();
    }
  }

  @Test
  void checkConfigNamesTheBadKeyAndExitsNonZero() throws Exception {
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, "tenants:\n  - account: acme\n    keys: [{role: root, sha256: abc}]\n");
    Process check = jar("--config", bad.toString(), "--check-config").redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).isEqualTo(2);
    assertThat(output).contains("tenants[0].keys[0].role");
    Process good = jar("--config", writeConfig("k").toString(), "--check-config").redirectErrorStream(true).start();
    String goodOutput = new String(good.getInputStream().readAllBytes());
    assertThat(good.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(good.exitValue()).isZero();
    assertThat(goodOutput.strip()).as("nothing but the verdict, no logging noise").isEqualTo("configuration OK: 1 tenant(s)");
  }

  @Test
  void checkConfigNamesAnUnknownTimeZoneAndABadCronByTheirPaths() throws Exception {
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, """
        tenants:
          - account: acme
            time_zone: Europe/Atlantis
            schedules:
              rules:
                - job: "weekly-*"
                  schedule: {cron: "0 2 * *", time_zone: Mars/Olympus}
        """);
    Process check = jar("--config", bad.toString(), "--check-config").redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).isEqualTo(2);
    assertThat(output).contains("tenants[0].time_zone: is not a known time zone ('Europe/Atlantis')",
        "tenants[0].schedules.rules[0].schedule.cron: is not a valid five-field cron expression ('0 2 * *')",
        "tenants[0].schedules.rules[0].schedule.time_zone: is not a known time zone ('Mars/Olympus')");
  }

  @Test
  void aDamagedStoreStopsTheStartWithExitCode3AndSaysWhichFileAndWhatToDo() throws Exception {
    Path data = dir.resolve("data");
    try (SqliteStore store = SqliteStore.open(data); Transaction tx = store.begin()) {
      for (int i = 0; i < 300; i++) {
        JobRun run = new JobRun(new JobKey("acme", "Dental", "fs01", "nightly"), "r" + i, JobResult.SUCCESS,
            Instant.EPOCH, Instant.EPOCH.plusSeconds(i), 1, 1, 0, 0, "a run with a message long enough to fill pages", null, null);
        tx.insertRun(run, Instant.EPOCH);
      }
      tx.commit();
    }
    Path file = data.resolve("vigil.db");
    byte[] whole = Files.readAllBytes(file);
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
    Files.write(file, truncated);

    Process start = jar("--config", writeConfig("k").toString(), "--data-dir", data.toString(), "--listen", "127.0.0.1:0")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String stderr = new String(start.getErrorStream().readAllBytes());
    assertThat(start.waitFor(60, TimeUnit.SECONDS)).as("the exporter exits").isTrue();
    assertThat(start.exitValue()).as("exit code; stderr:%n%s", stderr).isEqualTo(3);
    assertThat(stderr).contains("store error: cannot open the store " + file.toAbsolutePath())
        .contains("malformed")
        .contains("Restore the file from a backup");
    assertThat(Files.readAllBytes(file)).as("the damaged store is left as it was").isEqualTo(truncated);
  }

  @Test
  void randomBytesInTheWriteAheadLogAfterACrashStopTheStartWithExitCode3() throws Exception {
    Path data = crashWithCommitsInTheWriteAheadLog();
    Path wal = data.resolve("vigil.db-wal");
    byte[] garbage = new byte[(int) Files.size(wal)];
    new Random(12).nextBytes(garbage);
    Files.write(wal, garbage);

    assertTheStartStopsWithExitCode3(data, "the write-ahead log " + wal.toAbsolutePath() + " of the store is damaged",
        "move the -wal file out of the data directory");
    assertThat(Files.readAllBytes(wal)).as("the damaged log is left as it was").isEqualTo(garbage);
  }

  @Test
  void anEmptyStoreFileBesideItsWriteAheadLogStopsTheStartWithExitCode3() throws Exception {
    Path data = crashWithCommitsInTheWriteAheadLog();
    long walBytes = Files.size(data.resolve("vigil.db-wal"));
    Files.write(data.resolve("vigil.db"), new byte[0]);

    assertTheStartStopsWithExitCode3(data, "the store " + data.resolve("vigil.db").toAbsolutePath() + " is empty (0 bytes) while its"
        + " write-ahead log", "Restore the file from a backup");
    assertThat(data.resolve("vigil.db")).isEmptyFile();
    assertThat(data.resolve("vigil.db-wal")).as("SQLite would have deleted it").hasSize(walBytes);
  }

  @Test
  void aHeapTooSmallForTheStoredStateStopsTheStartWithOneLineNamingTheXmxToUse() throws Exception {
    Path data = dir.resolve("data");
    try (SqliteStore store = SqliteStore.open(data); Transaction tx = store.begin()) {
      for (int i = 0; i < 60_000; i++) {
        JobRun run = new JobRun(new JobKey("acme", "Customer " + i % 100, "server-" + i, "nightly"), "r" + i, JobResult.SUCCESS,
            Instant.EPOCH, Instant.EPOCH.plusSeconds(i), 1, 1, 0, 0, "a run with a message", null, null);
        tx.putJob(JobState.first(run, Instant.EPOCH));
      }
      tx.commit();
    }
    Path output = dir.resolve("output.txt");
    Process start = jar(List.of("-Xmx32m", "-XX:+ExitOnOutOfMemoryError"), "--config", writeConfig("k").toString(),
        "--data-dir", data.toString(), "--listen", "127.0.0.1:0").redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean exited = start.waitFor(60, TimeUnit.SECONDS);
    start.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(exited).as("the exporter exits").isTrue();
    assertThat(start.exitValue()).as("exit code; output:%n%s", Files.readString(output)).isNotZero();
    assertThat(Files.readString(output).strip().lines()).as("one line, no stack trace").singleElement(STRING)
        .startsWith("store error: the stored state (60000 jobs and devices) does not fit in this JVM's heap")
        .containsPattern("Start Java with a larger maximum heap, e.g. java -Xmx\\d+m -jar");
  }

  /** A data directory left by kill -9 right after acknowledged pushes: their commits are in vigil.db-wal. */
  private Path crashWithCommitsInTheWriteAheadLog() throws Exception {
    Path data = dir.resolve("data");
    Instant end = Instant.now().minusSeconds(60);
    try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of(), "--config", writeConfig("push-key").toString(),
        "--data-dir", data.toString())) {
      for (int i = 0; i < 20; i++) {
        assertThat(post(vigil.uri(), "/api/v1/job-reports", "push-key",
            jobReport("Dental", "fs01", "nightly", "r" + i, "success", end.plusSeconds(i)))).isEqualTo(200);
      }
      vigil.kill9();
    }
    assertThat(Files.size(data.resolve("vigil.db-wal"))).as("commits in the write-ahead log").isGreaterThan(32);
    return data;
  }

  private void assertTheStartStopsWithExitCode3(Path data, String... says) throws Exception {
    Path stderr = dir.resolve("stderr.txt");
    Process start = jar("--config", writeConfig("k").toString(), "--data-dir", data.toString(), "--listen", "127.0.0.1:0")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
    boolean exited = start.waitFor(60, TimeUnit.SECONDS);
    start.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(exited).as("the exporter exits (it did not: it started, over a store that held data)").isTrue();
    assertThat(start.exitValue()).as("exit code; stderr:%n%s", Files.readString(stderr)).isEqualTo(3);
    assertThat(Files.readString(stderr)).startsWith("store error: ").contains(says);
  }

  /** {@code java [-Dname=value...] -jar vigil-exporter.jar ARGS}: leading -D options go to the JVM. */
  private static ProcessBuilder jar(String... args) {
    List<String> jvmOptions = new ArrayList<>();
    int first = 0;
    while (first < args.length && args[first].startsWith("-D")) {
      jvmOptions.add(args[first++]);
    }
    return jar(jvmOptions, java.util.Arrays.copyOfRange(args, first, args.length));
  }

  private static ProcessBuilder jar(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", Path.of("target", "vigil-exporter.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private static void awaitStatus(URI base, String key, int status) throws Exception {
    int last = 0;
    for (int i = 0; i < 100; i++) {
      last = post(base, "/api/v1/heartbeats", key, "{\"customer\": \"a\", \"device\": \"b\"}");
      if (last == status) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("expected " + status + " after SIGHUP, still " + last);
  }
}
