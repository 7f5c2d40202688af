package io.vigil.it.observe;

import static io.vigil.it.observe.ObserveSupport.JSON;
import static io.vigil.it.observe.ObserveSupport.YAML;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Black-box end-to-end test: the exporter fat jar in demo mode, scraped by a real Prometheus that
 * loads alert-rules/*.rules.yml. Every dashboard query and every rule expression is evaluated through
 * Prometheus' HTTP API.
 *
 * <p>Rules: Prometheus loads a rendered copy of the rule files in which every {@code for:} is
 * {@code 0s} (so the demo's problems fire within seconds instead of after 1-5 minutes); the
 * expressions, labels and annotations are the real ones.
 *
 * <p>The demo serves jobs, devices and a polled demo connector, so every query must return data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndToEndIT {
    static final String ADMIN_KEY = "demo-admin";
    static final Duration STARTUP = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path work;
    private Process exporter;
    private Process prometheus;
    private String exporterUrl;
    private String prometheusUrl;

    @BeforeAll
    void startExporterAndPrometheus() throws Exception {
        String prometheusBin = ObserveSupport.requireTool("prometheus", "prometheus");
        Path jar = ObserveSupport.repoRoot().resolve("exporter/target/vigil-exporter.jar");
        assertThat(jar).as("the exporter fat jar (mvn package builds it)").isRegularFile();
        work = Files.createTempDirectory("vigil-e2e");

        int exporterPort = freePort();
        exporterUrl = "http://127.0.0.1:" + exporterPort;
        Path dataDir = Files.createDirectories(work.resolve("data"));
        exporter = start(work.resolve("exporter.log"), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--demo", "--listen", "127.0.0.1:" + exporterPort, "--data-dir", dataDir.toString()));
        awaitTrue("exporter /-/ready answers 200", exporter, work.resolve("exporter.log"),
                () -> status(exporterUrl + "/-/ready", null) == 200);
        String metrics = get(exporterUrl + "/metrics", ADMIN_KEY);
        Set<String> exposedNames = sampleNames(metrics);
        assertThat(exposedNames).as("/metrics with the admin key").contains("vigil_build_info");

        Path rulesDir = Files.createDirectories(work.resolve("rules"));
        for (Path f : ObserveSupport.ruleFiles()) {
            Files.writeString(rulesDir.resolve(f.getFileName()), renderWithZeroFor(f));
        }
        int promPort = freePort();
        prometheusUrl = "http://127.0.0.1:" + promPort;
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + rulesDir.resolve("*.rules.yml"),
                "scrape_configs:",
                "  - job_name: vigil",
                "    scrape_interval: 1s",
                "    authorization:",
                "      credentials: " + ADMIN_KEY,
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + exporterPort + "']",
                ""));
        prometheus = start(work.resolve("prometheus.log"), List.of(prometheusBin,
                "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + promPort));
        awaitTrue("prometheus /-/ready answers 200", prometheus, work.resolve("prometheus.log"),
                () -> status(prometheusUrl + "/-/ready", null) == 200);
        // enough scrapes for rate()/increase() over the substituted intervals, and recording rules evaluated
        awaitTrue("10 scrapes of the exporter and the first recording rules", prometheus, work.resolve("prometheus.log"),
                () -> hasData(instant("count_over_time(vigil_build_info[1m]) >= 10"))
                        && hasData(instant("vigil:job_status:count_by_tenant")));
    }

    @AfterAll
    void stopProcesses() throws Exception {
        for (Process p : new Process[] {prometheus, exporter}) {
            if (p != null) {
                ProcessHandle h = ProcessHandle.of(p.pid()).orElse(null);
                if (h != null) {
                    h.destroy();
                    if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                        h.destroyForcibly();
                        p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
                    }
                }
            }
        }
        if (work != null) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void everyDashboardQueryReturnsData() throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path file : ObserveSupport.dashboardFiles()) {
            JsonNode d = JSON.readTree(file.toFile());
            String board = file.getFileName().toString();
            Map<String, String> vars = resolveVariables(board, d, failures);
            for (Dashboards.Query q : Dashboards.queries(d)) {
                String expr = substitute(q.expr(), vars);
                String where = board + " / " + q.panel() + " / " + q.refId() + ": " + expr;
                JsonNode r = q.instant() ? instant(expr) : range(expr);
                checked++;
                check(where, expr, r, true, failures);
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(failures).as("dashboard queries that failed or returned no data").isEmpty();
    }

    @Test
    void everyRuleExpressionEvaluatesAndRecordingRulesReturnData() throws Exception {
        List<String> failures = new ArrayList<>();
        for (JsonNode rule : RulesIT.rules()) {
            String expr = rule.path("expr").asText();
            boolean recording = rule.has("record");
            String where = (recording ? "record " + rule.path("record").asText() : "alert " + rule.path("alert").asText())
                    + ": " + expr.strip();
            // an alert expression with its threshold may rightly be empty; it must evaluate without error
            check(where, expr, instant(expr), recording, failures);
        }
        assertThat(failures).as("rule expressions that failed or returned no data").isEmpty();
    }

    @Test
    void ruleGroupsAreHealthy() throws Exception {
        awaitTrue("every rule evaluated at least once", prometheus, work.resolve("prometheus.log"), () -> {
            for (JsonNode r : loadedRules()) {
                if (r.path("health").asText().equals("unknown")) {
                    return false;
                }
            }
            return true;
        });
        List<JsonNode> loaded = loadedRules();
        assertThat(loaded).hasSize(RulesIT.rules().size());
        for (JsonNode r : loaded) {
            assertThat(r.path("health").asText()).as("%s: %s", r.path("name").asText(), r.path("lastError").asText())
                    .isEqualTo("ok");
        }
    }

    @Test
    void theDemoFleetsProblemsFire() throws Exception {
        List<String> expected = List.of("VigilJobOverdue", "VigilJobFailed", "VigilJobRepeatedlyFailing",
                "VigilDeviceUnavailable", "VigilDeviceDiskFull", "VigilDeviceCameraUnreachable");
        awaitTrue("alerts firing: " + expected, prometheus, work.resolve("prometheus.log"),
                () -> firingAlertNames().containsAll(expected));
        Set<String> firing = firingAlertNames();
        assertThat(firing).containsAll(expected).doesNotContain("VigilExporterDown", "VigilExporterAbsent");
        for (JsonNode a : get("/api/v1/alerts").path("data").path("alerts")) {
            JsonNode labels = a.path("labels");
            String name = labels.path("alertname").asText();
            if (expected.contains(name)) {
                assertThat(labels.path("tenant").asText()).as("%s tenant label", name).isNotBlank();
                assertThat(labels.path("customer").asText()).as("%s customer label", name).isNotBlank();
                assertThat(labels.path("device").asText()).as("%s device label", name).isNotBlank();
                assertThat(labels.has("exported_job")).as("%s: no clash with Prometheus' job label", name).isFalse();
                assertThat(a.path("annotations").path("summary").asText()).as("%s summary", name)
                        .contains(labels.path("tenant").asText()).doesNotContain("<no value>");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Records a failure for a query that errors, or that is empty when data is required. */
    private void check(String where, String expr, JsonNode r, boolean requireData, List<String> failures) {
        if (!"success".equals(r.path("status").asText())) {
            failures.add(where + " -> " + r.path("errorType").asText() + ": " + r.path("error").asText());
        } else if (requireData && !hasData(r)) {
            failures.add(where + " -> no data");
        }
    }

    /**
     * Resolves the dashboard's query variables in order, like Grafana: label_values(selector, label)
     * through /api/v1/label/LABEL/values?match[]=SELECTOR. Multi-value variables become "All", i.e.
     * the regex (v1|v2|...) of every value found.
     */
    private Map<String, String> resolveVariables(String board, JsonNode dashboard, List<String> failures)
            throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        Pattern labelValues = Pattern.compile("^label_values\\((?:(.*),)?\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)$",
                Pattern.DOTALL);
        for (JsonNode v : dashboard.path("templating").path("list")) {
            String name = v.path("name").asText();
            if (!v.path("type").asText().equals("query")) {
                continue;
            }
            String def = substitute(Dashboards.variableQuery(v), vars);
            Matcher m = labelValues.matcher(def.strip());
            if (!m.matches()) {
                failures.add(board + " $" + name + ": not label_values(...): " + def);
                continue;
            }
            String selector = m.group(1) == null ? null : m.group(1).strip();
            String url = "/api/v1/label/" + m.group(2) + "/values"
                    + (selector == null ? "" : "?match[]=" + enc(selector));
            JsonNode r = get(url);
            List<String> values = new ArrayList<>();
            r.path("data").forEach(x -> values.add(x.asText()));
            if (values.isEmpty()) {
                failures.add(board + " $" + name + ": no values for " + def + " (" + r + ")");
                vars.put(name, ".*");
                continue;
            }
            vars.put(name, values.stream().map(PrometheusEndToEndIT::promRegexLiteral)
                    .collect(Collectors.joining("|", "(", ")")));
        }
        return vars;
    }

    /** Grafana-style substitution of $var / ${var} and the built-in interval variables. */
    static String substitute(String expr, Map<String, String> vars) {
        String out = expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", "15s").replace("${__interval}", "15s")
                .replace("$__range", "1h").replace("${__range}", "1h");
        List<String> names = new ArrayList<>(vars.keySet());
        names.sort(Comparator.comparingInt(String::length).reversed());
        for (String n : names) {
            out = out.replace("${" + n + "}", vars.get(n)).replace("$" + n, vars.get(n));
        }
        return out;
    }

    /** A label value as a regex literal inside a PromQL double-quoted string. */
    static String promRegexLiteral(String value) {
        String regex = value.replaceAll("([\\\\.^$|?*+()\\[\\]{}])", "\\\\$1");
        return regex.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private String renderWithZeroFor(Path ruleFile) throws IOException {
        JsonNode doc = YAML.readTree(ruleFile.toFile());
        for (JsonNode g : doc.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                if (r.has("for")) {
                    ((ObjectNode) r).put("for", "0s");
                }
            }
        }
        return YAML.writeValueAsString(doc);
    }

    private List<JsonNode> loadedRules() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode g : get("/api/v1/rules").path("data").path("groups")) {
            g.path("rules").forEach(out::add);
        }
        return out;
    }

    private Set<String> firingAlertNames() throws Exception {
        Set<String> names = new TreeSet<>();
        for (JsonNode a : get("/api/v1/alerts").path("data").path("alerts")) {
            if (a.path("state").asText().equals("firing")) {
                names.add(a.path("labels").path("alertname").asText());
            }
        }
        return names;
    }

    private JsonNode instant(String expr) throws Exception {
        return get("/api/v1/query?query=" + enc(expr));
    }

    private JsonNode range(String expr) throws Exception {
        long end = Instant.now().getEpochSecond();
        return get("/api/v1/query_range?query=" + enc(expr) + "&start=" + (end - 60) + "&end=" + end + "&step=5");
    }

    private static boolean hasData(JsonNode r) {
        JsonNode result = r.path("data").path("result");
        return result.isArray() ? !result.isEmpty() : !result.isMissingNode() && !result.isNull();
    }

    private JsonNode get(String apiPath) throws Exception {
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + apiPath))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(resp.body());
    }

    private String get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as("GET %s", url).isEqualTo(200);
        return resp.body();
    }

    private int status(String url, String bearer) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Names of the samples in a Prometheus text exposition. */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)").matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Process start(Path log, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Waits for a condition; fails with the process log if the process died or time ran out. */
    private static void awaitTrue(String what, Process process, Path log, Check check) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("%s: process exited with %d before that. Log:%n%s", what, process.exitValue(), tail(log));
            }
            if (check.ok()) {
                return;
            }
            Thread.sleep(500);
        }
        fail("%s: not within %s. Log:%n%s", what, STARTUP, tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
