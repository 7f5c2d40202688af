package io.vigil.it.observe;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Shared helpers for the observability tests: repository layout, external tools, YAML/JSON. */
final class ObserveSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ObserveSupport() {}

    /** The repository root: the nearest ancestor of the working directory that holds alert-rules/. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("alert-rules")) && Files.isDirectory(p.resolve("dashboards"))) {
                return p;
            }
        }
        throw new IllegalStateException("no alert-rules/ and dashboards/ above " + dir);
    }

    static Path alertRules() {
        return repoRoot().resolve("alert-rules");
    }

    static Path dashboards() {
        return repoRoot().resolve("dashboards");
    }

    /** Files in dir whose name ends with suffix, sorted. */
    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> ruleFiles() {
        return files(alertRules(), ".rules.yml");
    }

    static List<Path> ruleTestFiles() {
        return files(alertRules().resolve("tests"), ".yml");
    }

    static List<Path> dashboardFiles() {
        return files(dashboards(), ".json");
    }

    /**
     * The absolute path of an external tool, or a test failure (never a skip) that says how to get it.
     */
    static String requireTool(String name, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("'%s' is not on the PATH (%s). Install the Debian package '%s' (bash .ci/test does this).",
                name, path, debianPackage);
    }

    record Result(int exitCode, String output) {}

    /** Runs a command to completion (2 minutes at most), stdout and stderr together. */
    static Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("vigil-tool", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("timed out: %s", command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static List<String> command(String tool, String... args) {
        List<String> c = new ArrayList<>();
        c.add(tool);
        c.addAll(List.of(args));
        return c;
    }
}
