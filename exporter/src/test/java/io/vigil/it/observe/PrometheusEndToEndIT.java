package io.vigil.it.observe;

import static io.vigil.it.observe.ObserveSupport.JSON;
import static io.vigil.it.observe.ObserveSupport.YAML;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

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
 *
 * <p>Prometheus sends its alerts to a real Alertmanager running alert-rules/alertmanager.example.yml, with
 * the routes, inhibitions and templates as shipped; only each receiver becomes a webhook into a
 * {@link WebhookRecorder} (with send_resolved, so any RESOLVED shows) and group_wait / group_interval
 * are seconds. VigilExporterDown keeps its real {@code for:}, every alert its real {@code keep_firing_for:}.
 * The last test kills the exporter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusEndToEndIT {
    static final String ADMIN_KEY = "demo-admin";
    static final Duration STARTUP = Duration.ofSeconds(90);
    static final String RUNBOOK_BASE = "https://wiki.msp.test/vigil/alert-rules.html";
    static final String GRAFANA_URL = "https://grafana.msp.test";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path work;
    private Process exporter;
    private Process prometheus;
    private Process alertmanager;
    private WebhookRecorder recorder;
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
        recorder = new WebhookRecorder();
        int amPort = freePort();
        Path amConfig = work.resolve("alertmanager.yml");
        Files.writeString(amConfig, renderAlertmanagerConfig());
        alertmanager = start(work.resolve("alertmanager.log"), List.of(
                ObserveSupport.requireTool("prometheus-alertmanager", "prometheus-alertmanager"),
                "--config.file=" + amConfig, "--storage.path=" + Files.createDirectories(work.resolve("am")),
                "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address="));
        awaitTrue("alertmanager /-/ready answers 200", alertmanager, work.resolve("alertmanager.log"),
                () -> status("http://127.0.0.1:" + amPort + "/-/ready", null) == 200);

        int promPort = freePort();
        prometheusUrl = "http://127.0.0.1:" + promPort;
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "  external_labels:",
                "    vigil_runbook_base: " + RUNBOOK_BASE,
                "    vigil_grafana_url: " + GRAFANA_URL,
                "alerting:",
                "  alertmanagers:",
                "    - static_configs:",
                "        - targets: ['127.0.0.1:" + amPort + "']",
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
        for (Process p : new Process[] {prometheus, alertmanager, exporter}) {
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
        if (recorder != null) {
            recorder.close();
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
    void everyStatIsOneNumberWithAllSelectedAndZeroWhenNothingMatches() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Path file : ObserveSupport.dashboardFiles()) {
            JsonNode d = JSON.readTree(file.toFile());
            String board = file.getFileName().toString();
            Map<String, String> all = resolveVariables(board, d, failures);
            Map<String, String> none = new LinkedHashMap<>();
            all.keySet().forEach(k -> none.put(k, k.equals("datasource") ? all.get(k) : "no-such-value"));
            for (JsonNode p : d.path("panels")) {
                if (!p.path("type").asText().equals("stat")) {
                    continue;
                }
                String expr = p.path("targets").get(0).path("expr").asText();
                String where = board + " / " + p.path("title").asText();
                int series = instant(substitute(expr, all)).path("data").path("result").size();
                if (series != 1) {
                    failures.add(where + ": " + series + " tiles with All selected");
                }
                if (expr.startsWith("sum(") || expr.startsWith("count(")) {
                    JsonNode r = instant(substitute(expr, none));
                    if (!hasData(r)) {
                        failures.add(where + ": no data (not 0) when nothing matches");
                    }
                }
            }
        }
        assertThat(failures).as("stats").isEmpty();
    }

    /** One of two exporters down must not look green. */
    @Test
    void targetsUpIsRedWithOneOfTwoExportersDown() throws Exception {
        JsonNode d = JSON.readTree(ObserveSupport.dashboards().resolve("06-exporter.json").toFile());
        JsonNode stat = null;
        for (JsonNode p : d.path("panels")) {
            if (p.path("title").asText().equals("Targets up")) {
                stat = p;
            }
        }
        assertThat(stat).as("06-exporter.json: Targets up").isNotNull();
        String twoTargets = "(label_replace(vector(1), \"instance\", \"a\", \"\", \"\")"
                + " or label_replace(vector(0), \"instance\", \"b\", \"\", \"\"))";
        String expr = stat.path("targets").get(0).path("expr").asText().replace("up{job=~\"vigil.*\"}", twoTargets);
        assertThat(expr).contains(twoTargets);
        double value = instant(expr).path("data").path("result").get(0).path("value").get(1).asDouble();
        JsonNode steps = stat.path("fieldConfig").path("defaults").path("thresholds").path("steps");
        String colour = steps.get(0).path("color").asText();
        for (JsonNode step : steps) {
            if (!step.path("value").isNull() && value >= step.path("value").asDouble()) {
                colour = step.path("color").asText();
            }
        }
        assertThat(colour).as("Targets up colour at %s (one of two targets down)", value).isEqualTo("red");
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
        List<String> expected = List.of("VigilJobOverdue", "VigilJobMissed", "VigilJobFailed", "VigilJobRepeatedlyFailing",
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

    @Test
    void everyTenantsCriticalAlertsPageThroughAlertmanager() throws Exception {
        Set<String> tenants = new TreeSet<>();
        awaitTrue("critical alerts firing", prometheus, work.resolve("prometheus.log"), () -> {
            tenants.clear();
            for (JsonNode a : get("/api/v1/alerts").path("data").path("alerts")) {
                JsonNode labels = a.path("labels");
                if (a.path("state").asText().equals("firing") && labels.path("severity").asText().equals("critical")
                        && labels.hasNonNull("tenant")) {
                    tenants.add(labels.path("tenant").asText());
                }
            }
            return tenants.size() >= 2;
        });
        awaitTrue("every tenant with a critical alert paged (msp-oncall-sms): " + tenants, alertmanager,
                work.resolve("alertmanager.log"), () -> pagedTenants().containsAll(tenants));
        assertThat(pagedTenants()).as("tenants paged on-call").containsAll(tenants);
    }

    @Test
    void emailSubjectsNameTheGroupAndCountItsAlerts() throws Exception {
        String amtool = ObserveSupport.requireTool("amtool", "prometheus-alertmanager");
        awaitTrue("email notifications for two customers' groups", alertmanager, work.resolve("alertmanager.log"),
                () -> emails().stream().filter(n -> n.body().path("groupLabels").has("customer")).count() >= 2);
        Path template = ObserveSupport.alertRules().resolve("vigil.tmpl");
        int rendered = 0;
        for (WebhookRecorder.Notification n : emails()) {
            Path data = work.resolve("notification-" + rendered + ".json");
            Files.writeString(data, JSON.writeValueAsString(n.body()));
            ObserveSupport.Result r = ObserveSupport.run(work, ObserveSupport.command(amtool, "template", "render",
                    "--template.glob=" + template, "--template.text={{ template \"vigil.email.subject\" . }}",
                    "--template.data=" + data));
            assertThat(r.exitCode()).as("amtool template render: %s", r.output()).isZero();
            String subject = r.output().strip();
            JsonNode group = n.body().path("groupLabels");
            long firing = 0;
            for (JsonNode a : n.body().path("alerts")) {
                firing += a.path("status").asText().equals("firing") ? 1 : 0;
            }
            assertThat(subject).as("subject of %s", group).doesNotContain("<no value>", "] :", " at  ", "()")
                    .startsWith("[" + n.body().path("status").asText().toUpperCase() + "] ")
                    .contains(": " + firing + " firing");
            for (String label : List.of("alertname", "customer", "tenant", "instance")) {
                if (group.has(label)) {
                    assertThat(subject).as("subject of %s names %s", group, label).contains(group.path(label).asText());
                }
            }
            rendered++;
        }
        assertThat(rendered).isGreaterThanOrEqualTo(2);
    }

    /** Runbook links under the configured base; dashboard links whose variables exist on that dashboard. */
    @Test
    void firingAlertsLinkTheirRunbookAndADashboardWithTheirLabels() throws Exception {
        awaitTrue("alerts firing", prometheus, work.resolve("prometheus.log"), () -> firingAlertNames().size() >= 5);
        Map<String, Set<String>> boardVariables = new LinkedHashMap<>();
        for (Path file : ObserveSupport.dashboardFiles()) {
            JsonNode d = JSON.readTree(file.toFile());
            Set<String> names = new TreeSet<>();
            d.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
            boardVariables.put(d.path("uid").asText(), names);
        }
        int checked = 0;
        for (JsonNode a : get("/api/v1/alerts").path("data").path("alerts")) {
            JsonNode labels = a.path("labels");
            String name = labels.path("alertname").asText();
            assertThat(a.path("annotations").path("runbook_url").asText()).as("%s runbook_url", name)
                    .isEqualTo(RUNBOOK_BASE + "#" + name.toLowerCase());
            URI dashboard = URI.create(a.path("annotations").path("dashboard_url").asText());
            assertThat(dashboard.getScheme() + "://" + dashboard.getAuthority()).as("%s dashboard_url base", name)
                    .isEqualTo(GRAFANA_URL);
            String uid = dashboard.getPath().replaceFirst("^/d/", "");
            assertThat(boardVariables).as("%s dashboard_url: a dashboard with uid %s", name, uid).containsKey(uid);
            for (String param : dashboard.getRawQuery().split("&")) {
                if (param.startsWith("var-")) {
                    String var = param.substring(4, param.indexOf('='));
                    String value = java.net.URLDecoder.decode(param.substring(param.indexOf('=') + 1), StandardCharsets.UTF_8);
                    assertThat(boardVariables.get(uid)).as("%s: variable %s on %s", name, var, uid).contains(var);
                    assertThat(value).as("%s: var-%s is the alert's label", name, var)
                            .isNotEmpty().isEqualTo(labels.path(var).asText());
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
    }

    /** VigilExporterAbsent and VigilStoreFailing need these on a per-tenant scrape too. */
    @Test
    void thePerTenantScrapeHasBuildInfoAndStoreHealth() throws Exception {
        String own = get(exporterUrl + "/tenants/northwind/metrics", "demo-northwind-read");
        assertThat(sampleNames(own)).as("/tenants/northwind/metrics").contains("vigil_build_info", "vigil_store_healthy");
        assertThat(own).contains("vigil_store_healthy 1");
    }

    /** Last: kills the exporter. */
    @Test
    @Order(Integer.MAX_VALUE)
    void killingTheExporterSendsNoResolvedAndPagesExporterDownWithinTwoMinutes() throws Exception {
        awaitTrue("Vigil's alerts notified as firing", alertmanager, work.resolve("alertmanager.log"),
                () -> recorder.notifications().stream().anyMatch(n -> n.hasAlert("firing", "VigilDeviceUnavailable")));
        ProcessHandle.of(exporter.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Instant killed = Instant.now();
        assertThat(exporter.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)).as("exporter killed").isTrue();

        Instant deadline = killed.plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline) && recorder.notifications().stream()
                .noneMatch(n -> n.receiver().equals("msp-noc-sms") && n.hasAlert("firing", "VigilExporterDown"))) {
            Thread.sleep(500);
        }
        Thread.sleep(5_000); // beyond group_interval: a RESOLVED on its way arrives
        List<String> resolved = new ArrayList<>();
        boolean paged = false;
        for (WebhookRecorder.Notification n : recorder.notifications()) {
            if (n.received().isBefore(killed)) {
                continue;
            }
            paged |= n.receiver().equals("msp-noc-sms") && n.hasAlert("firing", "VigilExporterDown")
                    && n.received().isBefore(deadline);
            for (JsonNode a : n.body().path("alerts")) {
                String name = a.path("labels").path("alertname").asText();
                if (a.path("status").asText().equals("resolved") && !name.startsWith("VigilExporter")) {
                    resolved.add(n.receiver() + ": " + name + " " + a.path("labels"));
                }
            }
        }
        assertThat(resolved).as("RESOLVED notifications after the exporter was killed").isEmpty();
        assertThat(paged).as("VigilExporterDown paged (msp-noc-sms) within 2 minutes of the kill").isTrue();
    }

    // ---------------------------------------------------------------------------------------------

    private Set<String> pagedTenants() {
        Set<String> paged = new TreeSet<>();
        for (WebhookRecorder.Notification n : recorder.notifications()) {
            if (n.receiver().equals("msp-oncall-sms") && n.body().path("status").asText().equals("firing")) {
                n.body().path("alerts").forEach(a -> paged.add(a.path("labels").path("tenant").asText()));
            }
        }
        return paged;
    }

    private List<WebhookRecorder.Notification> emails() {
        return recorder.notifications().stream().filter(n -> n.receiver().equals("msp-noc-email")).toList();
    }

    /**
     * The shipped Alertmanager example with every receiver a recording webhook (send_resolved on), the
     * template found in alert-rules/, and group_wait 1s / group_interval 2s on every route.
     */
    private String renderAlertmanagerConfig() throws IOException {
        ObjectNode doc = (ObjectNode) YAML.readTree(ObserveSupport.alertRules().resolve("alertmanager.example.yml").toFile());
        ArrayNode templates = doc.putArray("templates");
        templates.add(ObserveSupport.alertRules().resolve("vigil.tmpl").toString());
        ArrayNode receivers = doc.putArray("receivers");
        for (String name : receiverNames(doc.path("route"), new TreeSet<>())) {
            ObjectNode r = receivers.addObject().put("name", name);
            r.putArray("webhook_configs").addObject().put("url", recorder.url(name)).put("send_resolved", true);
        }
        compressTimings((ObjectNode) doc.path("route"));
        return YAML.writeValueAsString(doc);
    }

    private static Set<String> receiverNames(JsonNode route, Set<String> names) {
        if (route.has("receiver")) {
            names.add(route.path("receiver").asText());
        }
        route.path("routes").forEach(r -> receiverNames(r, names));
        return names;
    }

    private static void compressTimings(ObjectNode route) {
        route.put("group_wait", "1s").put("group_interval", "2s");
        route.path("routes").forEach(r -> compressTimings((ObjectNode) r));
    }

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
                if (r.has("for") && !r.path("alert").asText().equals("VigilExporterDown")) {
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
