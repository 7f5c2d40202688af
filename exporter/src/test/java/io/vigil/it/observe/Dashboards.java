package io.vigil.it.observe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads Grafana dashboard JSON: panel queries (also inside collapsed rows) and variable queries. */
final class Dashboards {
    private Dashboards() {}

    record Query(String panel, String refId, String expr, boolean instant, String datasourceUid) {}

    static List<Query> queries(JsonNode dashboard) {
        List<Query> out = new ArrayList<>();
        collect(dashboard.path("panels"), out);
        return out;
    }

    private static void collect(JsonNode panels, List<Query> out) {
        for (JsonNode p : panels) {
            collect(p.path("panels"), out); // collapsed rows keep their panels inside
            for (JsonNode t : p.path("targets")) {
                JsonNode ds = t.has("datasource") ? t.path("datasource") : p.path("datasource");
                boolean instant = t.path("instant").asBoolean(false) && !t.path("range").asBoolean(false);
                out.add(new Query(p.path("title").asText(), t.path("refId").asText(), t.path("expr").asText(),
                        instant, ds.path("uid").asText()));
            }
        }
    }

    /** A query variable's query text (Grafana writes it as a string or as an object). */
    static String variableQuery(JsonNode variable) {
        JsonNode q = variable.path("query");
        if (q.isObject()) {
            return q.path("query").asText();
        }
        return q.isTextual() && !q.asText().isBlank() ? q.asText() : variable.path("definition").asText();
    }
}
