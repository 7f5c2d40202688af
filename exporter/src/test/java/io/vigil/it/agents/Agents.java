package io.vigil.it.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.testsupport.RunningExporter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the scripts of {@code agents/} under one {@link Shell} in a clean environment: a spool, a state folder and
 * a PATH of their own (under busybox: busybox's applets, curl and the backup tools only). Hooks call a copy of
 * vigil-push whose first line names the same shell.
 */
final class Agents {
  static final Path DIR = Path.of("..", "agents").toAbsolutePath().normalize();
  static final String CUSTOMER = "Zahnarzt \"Müller\" & Söhne \\ 😀";
  static final String DEVICE = "fs01 'main'";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Shell shell;
  private final Path work;
  private final Map<String, String> env = new LinkedHashMap<>();

  Agents(Shell shell, Path work, String url) throws IOException {
    this.shell = shell;
    this.work = work;
    Path bin = Files.createDirectories(work.resolve("bin"));
    assertThat(shell.binary()).as("%s is required (apt-get install dash busybox bash)", shell.binary()).isExecutable();
    String path;
    if (shell.onlyBusyboxTools()) {
      for (String applet : Shell.APPLETS) {
        Files.createSymbolicLink(bin.resolve(applet), shell.binary());
      }
      for (String tool : List.of("curl", "restic", "borg")) {
        Files.createSymbolicLink(bin.resolve(tool), required(tool));
      }
      path = bin.toString();
    } else {
      required("curl");
      path = bin + File.pathSeparator + System.getenv("PATH");
    }
    List<String> push = new ArrayList<>(Files.readAllLines(DIR.resolve("vigil-push")));
    push.set(0, shell.shebang());
    Path pushCopy = Files.write(bin.resolve("vigil-push"), push);
    pushCopy.toFile().setExecutable(true);
    env.put("PATH", path);
    env.put("HOME", Files.createDirectories(work.resolve("home")).toString());
    env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
    env.put("VIGIL_URL", url);
    env.put("VIGIL_KEY", "acme-push");
    env.put("VIGIL_CUSTOMER", CUSTOMER);
    env.put("VIGIL_DEVICE", DEVICE);
    env.put("VIGIL_SPOOL", spool().toString());
    env.put("VIGIL_STATE", work.resolve("state").toString());
    env.put("VIGIL_CONFIG", work.resolve("no-agent.conf").toString());
    env.put("VIGIL_PUSH", pushCopy.toString());
  }

  /** A tool on the PATH; fails the test (never skips it) when it is not installed. */
  static Path required(String tool) {
    return Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
        .map(dir -> Path.of(dir, tool))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new AssertionError(tool + " is required: .ci/test installs it from Debian's packages"));
  }

  /** A loopback URL nobody listens on: connections are refused, as when the exporter is down. */
  static String deadUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  static String url(RunningExporter vigil) {
    return vigil.uri().toString();
  }

  Map<String, String> env() {
    return env;
  }

  Path work() {
    return work;
  }

  Path spool() {
    return work.resolve("spool");
  }

  record Result(int exitCode, String stdout, String stderr) {}

  Result run(String script, String... args) throws Exception {
    return run(Map.of(), List.of(), script, List.of(args));
  }

  /** Runs {@code agents/SCRIPT ARGS} under the shell, with extra environment and a command in front (e.g. setpriv). */
  Result run(Map<String, String> extraEnv, List<String> prefix, String script, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(shell.interpreter());
    command.add(DIR.resolve(script).toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within 120 s");
    }
    return new Result(process.exitValue(), new String(stdout.get(), StandardCharsets.UTF_8),
        new String(stderr.get(), StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs and fails the test unless the script exited with {@code expected}. */
  Result expect(int expected, String script, String... args) throws Exception {
    Result result = run(script, args);
    assertThat(result.exitCode()).as("%s %s exit code; stderr:%n%s", script, List.of(args), result.stderr()).isEqualTo(expected);
    return result;
  }

  /** The reports waiting in the spool (or in its rejected folder), oldest first. */
  List<Path> spooled(String... sub) throws IOException {
    Path dir = spool().resolve(String.join("/", sub));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  /** The run history of one job of customer {@link #CUSTOMER}, device {@link #DEVICE}, from the exporter. */
  static List<JsonNode> runs(RunningExporter vigil, String device, String job) throws Exception {
    HttpResponse<String> response = vigil.get("/tenants/acme/runs?customer=" + encode(CUSTOMER) + "&device=" + encode(device)
        + "&job=" + encode(job), "acme-read");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> runs = new ArrayList<>();
    JSON.readTree(response.body()).get("runs").forEach(runs::add);
    return runs;
  }

  static List<JsonNode> runs(RunningExporter vigil, String job) throws Exception {
    return runs(vigil, DEVICE, job);
  }

  static JsonNode onlyRun(RunningExporter vigil, String device, String job) throws Exception {
    List<JsonNode> runs = runs(vigil, device, job);
    assertThat(runs).as("runs of %s", job).hasSize(1);
    return runs.get(0);
  }

  static JsonNode onlyRun(RunningExporter vigil, String job) throws Exception {
    return onlyRun(vigil, DEVICE, job);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
