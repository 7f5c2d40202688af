package io.vigil.it.agents;

import static io.vigil.it.agents.Agents.CUSTOMER;
import static io.vigil.it.agents.Agents.DEVICE;
import static io.vigil.it.agents.Agents.onlyRun;
import static io.vigil.it.agents.Agents.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.RunningExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hooks for tools that cannot run here (Proxmox vzdump, the Bacula/Bareos Director, systemd, cron, Windows Task
 * Scheduler), called exactly as those tools call them: the arguments and environment their documentation defines.
 */
class AgentHookCallsIT {
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

  private Agents agents(Shell shell) throws Exception {
    return new Agents(shell, Files.createDirectories(dir.resolve("agent")), Agents.url(vigil));
  }

  /**
   * One vzdump job of two guests on storage "local", as PVE/VZDump.pm runs its hook script (the phases and variables
   * of pve-manager's vzdump-hook-script.pl): container 100 is backed up, VM 101 fails.
   */
  @ParameterizedTest
  @EnumSource(Shell.class)
  void vzdumpReportsEachGuestAndTheJob(Shell shell) throws Exception {
    Agents agent = agents(shell);
    Path dumpdir = Files.createDirectories(dir.resolve("dump"));
    Path target = Files.write(dumpdir.resolve("vzdump-lxc-100-2026_11_30-01_00_02.tar.zst"), new byte[123_456]);
    Map<String, String> job = Map.of("DUMPDIR", dumpdir.toString(), "STOREID", "local");
    vzdump(agent, job, "job-init");
    vzdump(agent, job, "job-start");
    Map<String, String> ct = with(job, "VMTYPE", "lxc", "HOSTNAME", "web01");
    vzdump(agent, ct, "backup-start", "snapshot", "100");
    vzdump(agent, with(ct, "TARGET", target.toString()), "backup-end", "snapshot", "100");
    vzdump(agent, with(ct, "LOGFILE", dumpdir.resolve("vzdump-lxc-100.log").toString()), "log-end", "snapshot", "100");
    Map<String, String> vm = with(job, "VMTYPE", "qemu", "HOSTNAME", "dc01");
    vzdump(agent, vm, "backup-start", "stop", "101");
    vzdump(agent, vm, "pre-stop", "stop", "101");
    vzdump(agent, vm, "backup-abort", "stop", "101");
    vzdump(agent, with(vm, "LOGFILE", dumpdir.resolve("vzdump-qemu-101.log").toString()), "log-end", "stop", "101");
    vzdump(agent, job, "job-end");

    JsonNode container = onlyRun(vigil, "vzdump 100 (web01)");
    assertThat(container.get("status").asText()).isEqualTo("success");
    assertThat(container.get("bytes").asLong()).isEqualTo(123_456);
    assertThat(container.get("message").asText()).isEqualTo("snapshot backup of lxc 100 to " + target);
    JsonNode failed = onlyRun(vigil, "vzdump 101 (dc01)");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("message").asText()).contains("stop backup of qemu 101 to local was aborted");
    JsonNode whole = onlyRun(vigil, "vzdump local");
    assertThat(whole.get("status").asText()).isEqualTo("failed");
    assertThat(whole.get("files").asLong()).isEqualTo(1);
    assertThat(whole.get("errors").asLong()).isEqualTo(1);
    assertThat(whole.get("message").asText()).isEqualTo("1 guest(s) backed up; failed: 101 (to local)");

    // the next night both succeed; then a job that vzdump aborts as a whole (e.g. its storage is offline).
    // The hook's times have whole seconds: each night ends in a later second than the one before.
    Thread.sleep(1_100);
    vzdump(agent, job, "job-start");
    vzdump(agent, ct, "backup-start", "snapshot", "100");
    vzdump(agent, with(ct, "TARGET", target.toString()), "backup-end", "snapshot", "100");
    vzdump(agent, job, "job-end");
    Exposition metrics = vigil.metrics();
    assertThat(metrics.jobStatus("device", DEVICE, "backup_job", "vzdump local")).isEqualTo("ok");
    assertThat(metrics.jobStatus("device", DEVICE, "backup_job", "vzdump 100 (web01)")).isEqualTo("ok");
    Thread.sleep(1_100);
    vzdump(agent, job, "job-start");
    vzdump(agent, job, "job-abort");
    assertThat(vigil.metrics().jobStatus("device", DEVICE, "backup_job", "vzdump local")).isEqualTo("failed");
    assertThat(runs(vigil, "vzdump local")).hasSize(3);
  }

  /**
   * vzdump counts a hook that exits non-zero as a failed backup: the hook exits 0 when Vigil is down (the report
   * waits in the spool) and even when vigil-push fails (here: no VIGIL_URL configured).
   */
  @ParameterizedTest
  @EnumSource(Shell.class)
  void vzdumpHookNeverFailsTheBackup(Shell shell) throws Exception {
    Agents agent = agents(shell);
    agent.env().put("VIGIL_URL", Agents.deadUrl());
    Map<String, String> ct = Map.of("STOREID", "local", "VMTYPE", "lxc", "HOSTNAME", "web01");
    vzdump(agent, ct, "backup-start", "snapshot", "100");
    vzdump(agent, with(ct, "TARGET", "local:backup/vzdump-lxc-100.tar.zst"), "backup-end", "snapshot", "100");
    assertThat(agent.spooled()).hasSize(1);

    agent.env().remove("VIGIL_URL");
    vzdump(agent, ct, "backup-abort", "snapshot", "100");
    vzdump(agent, Map.of("STOREID", "local"), "job-end");
  }

  private static void vzdump(Agents agent, Map<String, String> env, String... args) throws Exception {
    Agents.Result result = agent.run(env, List.of(), "vigil-vzdump", List.of(args));
    assertThat(result.exitCode()).as("hook %s; stderr:%n%s", List.of(args), result.stderr()).isZero();
  }

  private static Map<String, String> with(Map<String, String> base, String... keyValues) {
    Map<String, String> env = new LinkedHashMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  /**
   * The Director's RunScript: Command = "vigil-bacula '%e' %i '%n' %l '%c' %b %F", split into arguments as the
   * Director does (at spaces outside quotes), after an optional "vigil-bacula start %i" before the job.
   */
  @ParameterizedTest
  @EnumSource(Shell.class)
  void baculaJobsAreReportedPerClientWithTheirExitStatus(Shell shell) throws Exception {
    Agents agent = agents(shell);
    agent.expect(0, "vigil-bacula", "start", "7");
    agent.expect(0, "vigil-bacula", "OK", "7", "Nightly \"Files\"", "Full", "fs01-fd", "53687091", "1203");
    JsonNode run = onlyRun(vigil, "fs01-fd", "Nightly \"Files\"");
    assertThat(run.get("run_id").asText()).isEqualTo("bacula-7");
    assertThat(run.get("status").asText()).isEqualTo("success");
    assertThat(run.get("bytes").asLong()).isEqualTo(53_687_091);
    assertThat(run.get("files").asLong()).isEqualTo(1203);
    assertThat(run.get("message").asText()).isEqualTo("Full job 7: OK");

    // the same JobId reported again (the Director re-ran the script) counts once
    agent.expect(0, "vigil-bacula", "OK", "7", "Nightly \"Files\"", "Full", "fs01-fd", "53687091", "1203");
    assertThat(runs(vigil, "fs01-fd", "Nightly \"Files\"")).hasSize(1);

    Map<List<String>, String> statuses = new LinkedHashMap<>();
    statuses.put(List.of("OK -- with warnings"), "warning");
    statuses.put(List.of("Differences"), "warning");
    statuses.put(List.of("Error"), "failed");
    statuses.put(List.of("Fatal Error"), "failed");
    statuses.put(List.of("Canceled"), "failed");
    statuses.put(List.of("Fatal", "Error"), "failed"); // %e left unquoted in the Command line
    statuses.put(List.of("OK", "--", "with", "warnings"), "warning");
    int jobId = 10;
    for (Map.Entry<List<String>, String> status : statuses.entrySet()) {
      jobId++;
      List<String> args = new ArrayList<>(status.getKey());
      args.addAll(List.of(Integer.toString(jobId), "Mail", "Server", "Incremental", "mail01-fd", "0", "0")); // %n unquoted too
      Agents.Result result = agent.run(Map.of(), List.of(), "vigil-bacula", args);
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      String runId = "bacula-" + jobId;
      JsonNode last = runs(vigil, "mail01-fd", "Mail Server").stream()
          .filter(r -> r.get("run_id").asText().equals(runId)).findFirst().orElseThrow();
      assertThat(last.get("status").asText()).as("exit status %s", status.getKey()).isEqualTo(status.getValue());
      assertThat(last.get("message").asText()).isEqualTo("Incremental job " + jobId + ": " + String.join(" ", status.getKey()));
    }
  }

  /** The systemd service, the cron line and the Windows task, each run as written, with an interval matching its schedule. */
  @Test
  void heartbeatUnitsSendHeartbeatsAtTheIntervalTheyAreScheduledAt() throws Exception {
    Agents agent = agents(Shell.DASH);
    String service = Files.readString(Agents.DIR.resolve("systemd/vigil-heartbeat.service"));
    String timer = Files.readString(Agents.DIR.resolve("systemd/vigil-heartbeat.timer"));
    assertThat(group(timer, "(?m)^OnUnitActiveSec=(\\d+)min$")).isEqualTo("5");
    runInstalled(agent, group(service, "(?m)^ExecStart=(.+)$"));
    String[] labels = {"customer", CUSTOMER, "device", DEVICE};
    assertThat(vigil.metrics().value("vigil_device_heartbeat_interval_seconds", labels)).isEqualTo(300);

    String cron = Files.readString(Agents.DIR.resolve("cron/vigil-heartbeat"));
    Matcher line = Pattern.compile("(?m)^\\*/(\\d+) \\* \\* \\* \\* root (.+)$").matcher(cron);
    assertThat(line.find()).as(cron).isTrue();
    agent.env().put("VIGIL_DEVICE", "cron-host");
    runInstalled(agent, line.group(2));
    assertThat(vigil.metrics().value("vigil_device_heartbeat_interval_seconds", "device", "cron-host"))
        .isEqualTo(Integer.parseInt(line.group(1)) * 60);

    // Windows: the task's command with curl for curl.exe and a folder for C:\ProgramData\Vigil
    String task = Files.readString(Agents.DIR.resolve("windows/heartbeat-task.cmd"));
    assertThat(group(task, "/SC MINUTE /MO (\\d+) ")).isEqualTo("5");
    Path programData = Files.createDirectories(dir.resolve("ProgramData/Vigil"));
    Files.writeString(programData.resolve("heartbeat.json"), Files.readString(Agents.DIR.resolve("windows/heartbeat.json"))
        .replace("Alpine Dental", "Windows Site"));
    Files.writeString(programData.resolve("auth.txt"), Files.readString(Agents.DIR.resolve("windows/auth.txt"))
        .replace("YOUR-PUSH-KEY", "acme-push"));
    String command = group(task, "/TR \"(.+)\"").replace("C:\\Windows\\System32\\curl.exe", Agents.required("curl").toString())
        .replace("C:\\ProgramData\\Vigil\\", programData + "/").replace("https://vigil.example.net", Agents.url(vigil));
    Process curl = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
    String output = new String(curl.getInputStream().readAllBytes());
    assertThat(curl.waitFor()).as(output).isZero();
    assertThat(vigil.metrics().value("vigil_device_heartbeat_interval_seconds", "customer", "Windows Site")).isEqualTo(300);
  }

  private static String group(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("%s in%n%s", regex, text).isTrue();
    return matcher.group(1);
  }

  /** Runs a command line as installed (vigil-push in /usr/local/bin) with the scripts of this repository. */
  private static void runInstalled(Agents agent, String commandLine) throws Exception {
    String[] words = commandLine.replace("/usr/local/bin/vigil-push", "vigil-push").split(" ");
    assertThat(words[0]).isEqualTo("vigil-push");
    Agents.Result result = agent.run(Map.of(), List.of(), "vigil-push", List.of(words).subList(1, words.length));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(agent.spooled()).isEmpty();
  }
}
