package io.vigil.it.observe;

import static io.vigil.it.observe.ObserveSupport.JSON;
import static io.vigil.it.observe.ObserveSupport.YAML;
import static io.vigil.it.observe.ObserveSupport.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring mixin (mixin/) generates what is shipped: built with Debian's jsonnet, the rule file, every
 * dashboard and the Kubernetes PrometheusRule and ConfigMaps equal the committed files byte for byte, and promtool
 * accepts the generated rules and passes the unit tests against them. Its _config reaches the output.
 */
class MixinIT {
    @TempDir
    Path out;

    @Test
    void theMixinBuildsExactlyTheShippedRulesDashboardsAndKubernetesFiles() throws Exception {
        build(out, List.of());
        Path root = ObserveSupport.repoRoot();
        List<Path> built = filesUnder(out);
        assertThat(built).extracting(p -> out.relativize(p).toString())
                .contains("alert-rules/vigil.rules.yml", "mixin/kubernetes/prometheus-rule.yaml",
                        "mixin/kubernetes/grafana-dashboards.yaml")
                .containsAll(ObserveSupport.dashboardFiles().stream().map(p -> root.relativize(p).toString()).toList());
        for (Path file : built) {
            Path shipped = root.resolve(out.relativize(file).toString());
            assertThat(shipped).as("%s is built by the mixin (run bash mixin/build.sh)", shipped).exists();
            assertThat(Files.readString(shipped)).as("%s equals the mixin's output (run bash mixin/build.sh)", shipped)
                    .isEqualTo(Files.readString(file));
        }
    }

    @Test
    void promtoolAcceptsTheGeneratedRulesAndItsUnitTestsPassAgainstThem() throws Exception {
        build(out, List.of());
        Path rules = out.resolve("alert-rules/vigil.rules.yml");
        Path tests = Files.createDirectories(out.resolve("alert-rules/tests"));
        for (Path t : ObserveSupport.ruleTestFiles()) {
            Files.copy(t, tests.resolve(t.getFileName()));
        }
        Path operatorGroups = out.resolve("prometheus-rule-spec.yml");
        JsonNode prometheusRule = YAML.readTree(out.resolve("mixin/kubernetes/prometheus-rule.yaml").toFile());
        assertThat(prometheusRule.path("kind").asText()).isEqualTo("PrometheusRule");
        YAML.writeValue(operatorGroups.toFile(), prometheusRule.path("spec"));
        promtool(out, "check", "rules", rules.toString(), operatorGroups.toString());
        List<String> testFiles = ObserveSupport.files(tests, ".yml").stream().map(Path::toString).toList();
        assertThat(promtool(out, Stream.concat(Stream.of("test", "rules"), testFiles.stream()).toArray(String[]::new)))
                .doesNotContain("FAILED");
        assertThat(prometheusRule.path("spec").path("groups")).isEqualTo(YAML.readTree(rules.toFile()).path("groups"));
    }

    @Test
    void theConfigMapsHoldTheDashboardsForTheGrafanaSidecar() throws Exception {
        build(out, List.of());
        List<JsonNode> maps = YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(out.resolve("mixin/kubernetes/grafana-dashboards.yaml").toFile()).readAll();
        assertThat(maps).hasSameSizeAs(ObserveSupport.dashboardFiles());
        for (JsonNode map : maps) {
            assertThat(map.path("kind").asText()).isEqualTo("ConfigMap");
            assertThat(map.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
            String file = map.path("data").fieldNames().next();
            assertThat(JSON.readTree(map.path("data").path(file).asText()))
                    .isEqualTo(JSON.readTree(ObserveSupport.dashboards().resolve(file).toFile()));
        }
    }

    @Test
    void theConfigSetsTheScrapeSelectorRunbookBaseAndThresholds() throws Exception {
        build(out, List.of("--tla-code", "config={vigilSelector: 'job=\"vigil-prod\"', runbookBase: 'https://runbooks.msp.example/vigil',"
                + " quotaUsedRatioMax: '0.75'}"));
        String rules = Files.readString(out.resolve("alert-rules/vigil.rules.yml"));
        assertThat(rules).contains("expr: 'up{job=\"vigil-prod\"} == 0'")
                .contains("vigil_runbook_base \"https://runbooks.msp.example/vigil\" }}#vigilexporterdown")
                .contains("> 0.75").doesNotContain("job=~\"vigil.*\"").doesNotContain("https://vigil.example/");
        assertThat(Files.readString(out.resolve("dashboards/06-exporter.json"))).contains("up{job=\\\"vigil-prod\\\"}")
                .doesNotContain("vigil.*");
    }

    /** Builds every output of the mixin under dir, with the jsonnet arguments given (e.g. an overriding config). */
    private static void build(Path dir, List<String> jsonnetArgs) throws Exception {
        String jsonnet = ObserveSupport.requireTool("jsonnet", "jsonnet");
        Path root = ObserveSupport.repoRoot();
        Path rules = Files.createDirectories(dir.resolve("alert-rules"));
        Path dashboards = Files.createDirectories(dir.resolve("dashboards"));
        Path kubernetes = Files.createDirectories(dir.resolve("mixin/kubernetes"));
        List<String> args = new ArrayList<>(jsonnetArgs);
        run(root, jsonnet, args, "-S", "-o", rules.resolve("vigil.rules.yml").toString(), "mixin/build/vigil.rules.jsonnet");
        run(root, jsonnet, args, "-m", dashboards.toString(), "mixin/build/dashboards.jsonnet");
        run(root, jsonnet, args, "-S", "-m", kubernetes.toString(), "mixin/build/kubernetes.jsonnet");
    }

    private static void run(Path dir, String tool, List<String> args, String... more) throws Exception {
        List<String> cmd = command(tool);
        cmd.addAll(args);
        cmd.addAll(List.of(more));
        ObserveSupport.Result r = ObserveSupport.run(dir, cmd);
        assertThat(r.exitCode()).as("%s:%n%s", String.join(" ", cmd), r.output()).isZero();
    }

    private static String promtool(Path dir, String... args) throws Exception {
        List<String> cmd = command(ObserveSupport.requireTool("promtool", "prometheus"), args);
        ObserveSupport.Result r = ObserveSupport.run(dir, cmd);
        assertThat(r.exitCode()).as("%s:%n%s", String.join(" ", cmd), r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
        return r.output();
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
