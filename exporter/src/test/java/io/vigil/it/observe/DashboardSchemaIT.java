package io.vigil.it.observe;

import static io.vigil.it.observe.ObserveSupport.JSON;
import static io.vigil.it.observe.ObserveSupport.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped dashboard type-checks against Grafana's own schema (@grafana/schema, pinned in
 * dashboards/typecheck/package.json) with tsc: unknown options, values outside an enum and unknown query fields fail.
 */
class DashboardSchemaIT {
    @TempDir
    Path dir;

    @Test
    void everyShippedDashboardTypeChecksAgainstGrafanasSchema() throws Exception {
        ObserveSupport.Result r = typeCheck(List.of());
        assertThat(r.exitCode()).as("dashboards/typecheck/run.sh:%n%s", r.output()).isZero();
        assertThat(r.output()).contains("@grafana/schema 11.6.16", ObserveSupport.dashboardFiles().size() + " dashboards",
                "dashboards type-check: OK");
    }

    @Test
    void aMisspeltOptionAWrongEnumValueAndAnUnknownQueryFieldFail() throws Exception {
        JsonNode dashboard = JSON.readTree(ObserveSupport.dashboards().resolve("01-noc-overview.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            switch (panel.path("type").asText()) {
                case "stat" -> ((ObjectNode) panel.path("options")).put("colorMode", "rainbow");
                case "timeseries" -> ((ObjectNode) panel.path("options")).putObject("legend").put("dispalyMode", "list");
                case "table" -> ((ObjectNode) panel.path("targets").get(0)).put("exprr", "up");
                default -> { }
            }
        }
        Path broken = dir.resolve("broken.json");
        JSON.writeValue(broken.toFile(), dashboard);
        ObserveSupport.Result r = typeCheck(List.of(broken.toString()));
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("Type '\"rainbow\"' is not assignable")
                .contains("'\"dispalyMode\"' does not exist").contains("'\"exprr\"' does not exist in type 'PromQuery'")
                .doesNotContain("type-check: OK");
    }

    private static ObserveSupport.Result typeCheck(List<String> files) throws Exception {
        ObserveSupport.requireTool("node", "nodejs");
        ObserveSupport.requireTool("npm", "npm");
        List<String> cmd = command("bash", ObserveSupport.dashboards().resolve("typecheck/run.sh").toString());
        cmd.addAll(files);
        return ObserveSupport.run(ObserveSupport.repoRoot(), cmd);
    }
}
