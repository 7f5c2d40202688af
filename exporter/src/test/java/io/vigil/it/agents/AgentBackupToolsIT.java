package io.vigil.it.agents;

import static io.vigil.it.agents.Agents.CUSTOMER;
import static io.vigil.it.agents.Agents.DEVICE;
import static io.vigil.it.agents.Agents.onlyRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.RunningExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real restic and borg (Debian's packages) back up a temporary folder into a temporary repository through the
 * hooks: once successfully, once with a file they cannot read, once into a repository that does not exist.
 */
class AgentBackupToolsIT {
  @TempDir
  Path dir;
  RunningExporter vigil;
  Path source;

  @BeforeEach
  void start() throws Exception {
    vigil = RunningExporter.start(RunningExporter.config(dir.resolve("data")), null, Clock.systemUTC());
    source = Files.createDirectories(dir.resolve("source"));
    Files.writeString(source.resolve("invoice.txt"), "invoice 2026-11\n".repeat(1000));
    Files.writeString(source.resolve("notes.txt"), "notes\n");
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  /**
   * Makes a file the backup cannot read. chmod 000 is not enough when the tests run as root (root reads it
   * anyway), so the hook then runs without the capabilities that bypass file permissions (setpriv drops
   * CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set), as an unprivileged backup user would.
   */
  private List<String> withUnreadableFile() throws Exception {
    Path secret = Files.writeString(source.resolve("locked.db"), "secret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Process id = new ProcessBuilder("id", "-u").start();
    boolean root = new String(id.getInputStream().readAllBytes()).trim().equals("0");
    return root ? List.of(Agents.required("setpriv").toString(), "--bounding-set=-dac_override,-dac_read_search", "--") : List.of();
  }

  private static void init(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("%s said:%n%s", List.of(command), output).isZero();
  }

  private static String[] job(String name) {
    return new String[] {"tenant", "acme", "customer", CUSTOMER, "device", DEVICE, "backup_job", name};
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void resticRunsAreReportedWithTheirStatusFilesAndBytes(Shell shell) throws Exception {
    Agents agent = new Agents(shell, Files.createDirectories(dir.resolve("agent")), Agents.url(vigil));
    Path repository = dir.resolve("restic-repo");
    Map<String, String> env = Map.of("RESTIC_PASSWORD", "test-password", "RESTIC_CACHE_DIR", dir.resolve("restic-cache").toString());
    init(env, Agents.required("restic").toString(), "init", "-q", "-r", repository.toString());

    Agents.Result ok = agent.run(env, List.of(), "vigil-restic", List.of("--job", "files", "--", "backup", "-r", repository.toString(), source.toString()));
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    JsonNode run = onlyRun(vigil, "files");
    assertThat(run.get("status").asText()).isEqualTo("success");
    assertThat(run.get("files").asLong()).isEqualTo(2);
    assertThat(run.get("bytes").asLong()).isEqualTo(16_000 + 6);
    assertThat(run.get("message").asText()).startsWith("snapshot ").contains("2 files, 16006 bytes processed");
    Exposition metrics = vigil.metrics();
    assertThat(metrics.jobStatus(job("files"))).isEqualTo("ok");
    assertThat(metrics.value("vigil_job_last_run_bytes", job("files"))).isEqualTo(16_006);

    Agents.Result partial = agent.run(env, withUnreadableFile(), "vigil-restic",
        List.of("--job", "partial", "--", "backup", "-r", repository.toString(), source.toString()));
    assertThat(partial.exitCode()).as("restic's exit code for a source file it could not read; stderr:%n%s", partial.stderr()).isEqualTo(3);
    run = onlyRun(vigil, "partial");
    assertThat(run.get("status").asText()).isEqualTo("warning");
    assertThat(run.get("errors").asLong()).isEqualTo(1);
    assertThat(run.get("files").asLong()).isEqualTo(2);
    assertThat(run.get("message").asText()).contains("could not read:\n" + source.resolve("locked.db"));
    assertThat(vigil.metrics().jobStatus(job("partial"))).isEqualTo("warning");

    Agents.Result missing = agent.run(env, List.of(), "vigil-restic",
        List.of("--job", "missing", "--", "backup", "-r", dir.resolve("no-such-repo").toString(), source.toString()));
    assertThat(missing.exitCode()).as(missing.stderr()).isNotIn(0, 3);
    run = onlyRun(vigil, "missing");
    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("message").asText()).contains("no-such-repo");
    assertThat(vigil.metrics().jobStatus(job("missing"))).isEqualTo("failed");
    assertThat(agent.spooled()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Shell.class)
  void borgRunsAreReportedWithTheirStatusFilesAndBytes(Shell shell) throws Exception {
    Agents agent = new Agents(shell, Files.createDirectories(dir.resolve("agent")), Agents.url(vigil));
    Path repository = dir.resolve("borg-repo");
    Map<String, String> env = Map.of("BORG_BASE_DIR", dir.resolve("borg-base").toString(), "BORG_PASSPHRASE", "",
        "BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK", "yes");
    init(env, Agents.required("borg").toString(), "init", "-e", "none", repository.toString());

    Agents.Result ok = agent.run(env, List.of(), "vigil-borg", List.of("--job", "files", "--", "create", repository + "::first", source.toString()));
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    JsonNode run = onlyRun(vigil, "files");
    assertThat(run.get("status").asText()).isEqualTo("success");
    assertThat(run.get("files").asLong()).isEqualTo(2);
    // original_size: the files' 16,006 bytes plus the archive's metadata as borg counts it
    assertThat(run.get("bytes").asLong()).isGreaterThanOrEqualTo(16_006);
    assertThat(run.get("message").asText()).startsWith("archive first: 2 files");
    assertThat(vigil.metrics().jobStatus(job("files"))).isEqualTo("ok");

    Agents.Result partial = agent.run(env, withUnreadableFile(), "vigil-borg",
        List.of("--job", "partial", "--", "create", repository + "::second", source.toString()));
    assertThat(partial.exitCode()).as("borg's warning exit code for a file it could not read; stderr:%n%s", partial.stderr()).isEqualTo(1);
    run = onlyRun(vigil, "partial");
    assertThat(run.get("status").asText()).isEqualTo("warning");
    assertThat(run.get("files").asLong()).isEqualTo(2);
    assertThat(run.get("message").asText()).contains("locked.db").contains("Permission denied");
    assertThat(vigil.metrics().jobStatus(job("partial"))).isEqualTo("warning");

    Agents.Result missing = agent.run(env, List.of(), "vigil-borg",
        List.of("--job", "missing", "--", "create", dir.resolve("no-such-repo") + "::third", source.toString()));
    assertThat(missing.exitCode()).as(missing.stderr()).isEqualTo(2);
    run = onlyRun(vigil, "missing");
    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("message").asText()).contains("does not exist");
    assertThat(vigil.metrics().jobStatus(job("missing"))).isEqualTo("failed");
    assertThat(agent.spooled()).isEmpty();
  }
}
