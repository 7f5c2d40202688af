package io.vigil.it.observe;

import static io.vigil.it.observe.ObserveSupport.JSON;
import static io.vigil.it.observe.ObserveSupport.YAML;
import static io.vigil.it.observe.ObserveSupport.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Static checks of alert-rules/ and dashboards/ with the real tools: promtool (check + unit tests),
 * amtool (Alertmanager example), and the structure of every dashboard. A missing tool fails the test.
 */
class RulesIT {

    @Test
    void promtoolAcceptsEveryRuleFile() throws Exception {
        List<Path> rules = ObserveSupport.ruleFiles();
        assertThat(rules).as("alert-rules/*.rules.yml").isNotEmpty();
        assertToolSucceeds("promtool", "prometheus", List.of("check", "rules"), rules);
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        List<Path> tests = ObserveSupport.ruleTestFiles();
        assertThat(tests).as("alert-rules/tests/*.yml").isNotEmpty();
        String output = assertToolSucceeds("promtool", "prometheus", List.of("test", "rules"), tests);
        assertThat(output).doesNotContain("FAILED");
    }

    @Test
    void amtoolAcceptsTheAlertmanagerExample() throws Exception {
        assertToolSucceeds("amtool", "prometheus-alertmanager", List.of("check-config"),
                List.of(ObserveSupport.alertRules().resolve("alertmanager.example.yml")));
    }

    static final String RUNBOOK_BASE =
            "{{ or $externalLabels.vigil_runbook_base \"https://vigil.example/alert-rules/README.md\" }}";
    static final String GRAFANA_BASE = "{{ or $externalLabels.vigil_grafana_url \"http://grafana.example:3000\" }}";

    /** Any tenant's critical alert pages on-call, whether the example names the tenant or not. */
    @Test
    void everyTenantsCriticalAlertPages() throws Exception {
        String amtool = ObserveSupport.requireTool("amtool", "prometheus-alertmanager");
        Path config = ObserveSupport.alertRules().resolve("alertmanager.example.yml");
        for (String tenant : List.of("reseller-a", "northwind", "a-tenant-added-tomorrow")) {
            List<String> cmd = command(amtool, "config", "routes", "test", "--config.file=" + config,
                    "tenant=" + tenant, "customer=acme", "severity=critical", "alertname=VigilJobOverdue");
            ObserveSupport.Result r = ObserveSupport.run(ObserveSupport.repoRoot(), cmd);
            assertThat(r.exitCode()).as("%s:%n%s", String.join(" ", cmd), r.output()).isZero();
            assertThat(r.output()).as("receivers of tenant %s's critical alert", tenant).contains("msp-oncall-sms");
        }
    }

    /**
     * PrometheusEndToEndIT runs Alertmanager with group_wait 1s; with the example's own timings a dead exporter
     * (scraped every 30s) must still page within 2 minutes, and no other alert may resolve before.
     */
    @Test
    void theExampleTimingsPageExporterDownWithinTwoMinutesBeforeAnythingResolves() throws Exception {
        JsonNode route = null;
        for (JsonNode r : YAML.readTree(ObserveSupport.alertRules().resolve("alertmanager.example.yml").toFile())
                .path("route").path("routes")) {
            if (r.path("receiver").asText().equals("msp-noc-sms")) {
                route = r;
            }
        }
        assertThat(route).as("the exporter's paging route (msp-noc-sms)").isNotNull();
        assertThat(route.path("matchers").get(0).asText()).contains("VigilExporterDown");
        Duration down = null;
        for (JsonNode a : alerts()) {
            if (a.path("alert").asText().equals("VigilExporterDown")) {
                down = promDuration(a.path("for").asText());
                assertThat(a.has("keep_firing_for")).as("VigilExporterDown resolves when the exporter is back").isFalse();
            } else if (!a.path("alert").asText().equals("VigilExporterAbsent")) {
                assertThat(promDuration(a.path("keep_firing_for").asText("0s")))
                        .as("%s keep_firing_for", a.path("alert").asText()).isGreaterThanOrEqualTo(Duration.ofMinutes(3));
            }
        }
        assertThat(down).as("VigilExporterDown for:").isNotNull();
        Duration paged = Duration.ofSeconds(30).plus(down).plus(promDuration(route.path("group_wait").asText()));
        assertThat(paged).as("scrape interval + for + group_wait of VigilExporterDown").isLessThanOrEqualTo(Duration.ofMinutes(2));
    }

    private static Duration promDuration(String d) {
        Matcher m = Pattern.compile("(\\d+)([hms])").matcher(d);
        Duration out = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            out = out.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return out;
    }

    /** Runs tool with args and files from the repository root; it must exit 0 and say SUCCESS. */
    private static String assertToolSucceeds(String tool, String debianPackage, List<String> args, List<Path> files)
            throws Exception {
        List<String> cmd = command(ObserveSupport.requireTool(tool, debianPackage), args.toArray(String[]::new));
        files.forEach(p -> cmd.add(p.toString()));
        ObserveSupport.Result r = ObserveSupport.run(ObserveSupport.repoRoot(), cmd);
        assertThat(r.exitCode()).as("%s:%n%s", String.join(" ", cmd), r.output()).isZero();
        assertThat(r.output()).as("%s output", tool).contains("SUCCESS");
        return r.output();
    }

    @Test
    void everyAlertHasSeverityAnnotationsAndADocumentedRunbook() throws Exception {
        String readme = Files.readString(ObserveSupport.alertRules().resolve("README.md"));
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(20);
        for (JsonNode a : alerts) {
            String name = a.path("alert").asText();
            assertThat(a.path("labels").path("severity").asText()).as("%s severity", name)
                    .isIn("critical", "warning", "info");
            for (String key : List.of("summary", "description", "runbook_url", "dashboard_url")) {
                assertThat(a.path("annotations").path(key).asText()).as("%s annotation %s", name, key).isNotBlank();
            }
            assertThat(a.path("annotations").path("runbook_url").asText()).as("%s runbook_url", name)
                    .isEqualTo(RUNBOOK_BASE + "#" + name.toLowerCase());
            assertThat(a.path("annotations").path("dashboard_url").asText()).as("%s dashboard_url", name)
                    .startsWith(GRAFANA_BASE + "/d/vigil-");
            assertThat(readme).as("alert-rules/README.md documents %s", name).containsPattern("(?m)^#+ " + name + "\\b");
        }
    }

    @Test
    void noRuleGroupsOrFiltersByPrometheusOwnJobLabelInsteadOfBackupJob() throws Exception {
        Pattern byJob = Pattern.compile("\\b(by|without|on|ignoring)\\s*\\([^)]*\\bjob\\b");
        for (JsonNode rule : rules()) {
            String expr = rule.path("expr").asText();
            assertThat(byJob.matcher(expr).find()).as("uses backup_job, not job: %s", expr).isFalse();
        }
    }

    @Test
    void everyAlertHasUnitTestsThatFireAndStayQuiet() throws Exception {
        Map<String, int[]> seen = new TreeMap<>(); // alertname -> {quiet cases, firing cases}
        for (Path file : ObserveSupport.ruleTestFiles()) {
            for (JsonNode test : YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode t : test.path("alert_rule_test")) {
                    int[] counts = seen.computeIfAbsent(t.path("alertname").asText(), k -> new int[2]);
                    counts[t.path("exp_alerts").isEmpty() ? 0 : 1]++;
                }
            }
        }
        for (JsonNode a : alerts()) {
            String name = a.path("alert").asText();
            assertThat(seen).as("unit tests for %s", name).containsKey(name);
            assertThat(seen.get(name)[0]).as("%s: a test where it stays quiet", name).isPositive();
            assertThat(seen.get(name)[1]).as("%s: a test where it fires", name).isPositive();
        }
    }

    @Test
    void everyDashboardHasTheDatasourceAndTenantCustomerDeviceVariables() throws Exception {
        List<Path> boards = ObserveSupport.dashboardFiles();
        assertThat(boards).as("dashboards/*.json").hasSizeGreaterThanOrEqualTo(6);
        Set<String> uids = new HashSet<>();
        for (Path file : boards) {
            JsonNode d = JSON.readTree(file.toFile());
            String name = file.getFileName().toString();
            assertThat(uids.add(d.path("uid").asText())).as("%s has a unique uid", name).isTrue();
            assertThat(d.path("title").asText()).as("%s title", name).isNotBlank();
            assertThat(d.path("schemaVersion").asInt()).as("%s schemaVersion", name).isBetween(36, 41);
            Map<String, JsonNode> vars = new TreeMap<>();
            d.path("templating").path("list").forEach(v -> vars.put(v.path("name").asText(), v));
            assertThat(vars).as("%s variables", name).containsKeys("datasource", "tenant", "customer");
            assertThat(vars.containsKey("device") || vars.containsKey("folder")).as("%s: $device or $folder", name).isTrue();
            assertThat(vars.get("datasource").path("type").asText()).isEqualTo("datasource");
            assertThat(vars.get("datasource").path("query").asText()).isEqualTo("prometheus");
            for (String v : List.of("tenant", "customer", vars.containsKey("device") ? "device" : "folder")) {
                assertThat(vars.get(v).path("type").asText()).as("%s $%s type", name, v).isEqualTo("query");
                assertThat(Dashboards.variableQuery(vars.get(v))).as("%s $%s", name, v).startsWith("label_values(");
            }
            // a link carries the variables by name: a variable named after another label empties the linked panels
            Pattern listed = Pattern.compile(",\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$");
            for (JsonNode v : vars.values()) {
                if (v.path("type").asText().equals("query")) {
                    Matcher m = listed.matcher(Dashboards.variableQuery(v));
                    assertThat(m.find()).as("%s $%s lists a label", name, v.path("name").asText()).isTrue();
                    assertThat(v.path("name").asText()).as("%s: the variable listing label %s", name, m.group(1))
                            .isEqualTo(m.group(1));
                }
            }
            List<Dashboards.Query> queries = Dashboards.queries(d);
            assertThat(queries).as("%s panel queries", name).isNotEmpty();
            for (Dashboards.Query q : queries) {
                assertThat(q.datasourceUid()).as("%s / %s datasource", name, q.panel()).isEqualTo("${datasource}");
                assertThat(q.expr()).as("%s / %s expr", name, q.panel()).isNotBlank().doesNotContain("exported_job");
            }
        }
    }

    @Test
    void theNocOverviewFollowsTheCustomerFilterAndLinksToCustomerAndJobDashboards() throws Exception {
        JsonNode noc = JSON.readTree(ObserveSupport.dashboards().resolve("01-noc-overview.json").toFile());
        int stats = 0;
        int customerLinks = 0;
        int jobLinks = 0;
        for (JsonNode p : noc.path("panels")) {
            String title = p.path("title").asText();
            if (p.path("type").asText().equals("stat")) {
                stats++;
                assertThat(p.path("targets").get(0).path("expr").asText()).as("NOC stat %s", title).contains("$customer");
            }
            for (JsonNode o : p.path("fieldConfig").path("overrides")) {
                String column = o.path("matcher").path("options").asText();
                for (JsonNode prop : o.path("properties")) {
                    if (prop.path("id").asText().equals("links")) {
                        String url = prop.path("value").get(0).path("url").asText();
                        if (column.equals("Customer")) {
                            assertThat(url).as("%s: Customer link", title).startsWith("/d/vigil-customer?")
                                    .contains("var-customer=");
                            customerLinks++;
                        } else if (column.equals("Job")) {
                            assertThat(url).as("%s: Job link", title).startsWith("/d/vigil-job?")
                                    .contains("var-backup_job=", "var-device=");
                            jobLinks++;
                        }
                    }
                }
            }
        }
        assertThat(stats).isGreaterThanOrEqualTo(6);
        assertThat(customerLinks).as("NOC tables linking Customer to the customer dashboard").isGreaterThanOrEqualTo(4);
        assertThat(jobLinks).as("NOC tables linking Job to the job dashboard").isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyPanelHasADescription() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Path file : ObserveSupport.dashboardFiles()) {
            for (JsonNode p : JSON.readTree(file.toFile()).path("panels")) {
                if (!p.path("type").asText().equals("row") && p.path("description").asText().isBlank()) {
                    missing.add(file.getFileName() + " / " + p.path("title").asText());
                }
            }
        }
        assertThat(missing).as("panels without a description").isEmpty();
    }

    @Test
    void provisioningFilesExist() throws Exception {
        Path prov = ObserveSupport.dashboards().resolve("provisioning");
        JsonNode dashboards = YAML.readTree(prov.resolve("dashboards.yml").toFile());
        assertThat(dashboards.path("providers").get(0).path("type").asText()).isEqualTo("file");
        JsonNode ds = YAML.readTree(prov.resolve("datasource.example.yml").toFile());
        assertThat(ds.path("datasources").get(0).path("type").asText()).isEqualTo("prometheus");
    }

    /** Every rule (alerting and recording) of every rule file. */
    static List<JsonNode> rules() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : ObserveSupport.ruleFiles()) {
            for (JsonNode g : YAML.readTree(f.toFile()).path("groups")) {
                g.path("rules").forEach(out::add);
            }
        }
        return out;
    }

    static List<JsonNode> alerts() throws Exception {
        return rules().stream().filter(r -> r.has("alert")).toList();
    }

    /** Metric names (vigil_..., vigil:...) referenced by an expression. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\bvigil[_:][A-Za-z0-9_:]*").matcher(expr);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
