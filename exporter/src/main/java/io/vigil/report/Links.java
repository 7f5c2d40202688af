package io.vigil.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The link targets of report items: the exporter's own read endpoints, under {@code reports.link_base} when it is set. */
final class Links {
  private final String base;
  private final String tenant;

  /** {@code base} may be null: links are then paths on the exporter. */
  Links(String base, String tenant) {
    this.base = base == null ? "" : base.replaceAll("/+$", "");
    this.tenant = tenant;
  }

  String runs(String customer, String device, String job) {
    return tenantPath("runs") + "?customer=" + query(customer) + "&device=" + query(device) + "&job=" + query(job);
  }

  String chain(String connector, String folder, String volume) {
    return tenantPath("chains") + "?connector=" + query(connector) + "&folder=" + query(folder) + "&volume=" + query(volume);
  }

  /** The tenant's series of these metric families. */
  String metrics(String... families) {
    StringBuilder link = new StringBuilder(tenantPath("metrics"));
    for (int i = 0; i < families.length; i++) {
      link.append(i == 0 ? '?' : '&').append("name%5B%5D=").append(families[i]);
    }
    return link.toString();
  }

  String monthly(String customer, String month, String format) {
    return tenantPath("reports/monthly") + "?customer=" + query(customer) + "&month=" + month + "&format=" + format;
  }

  private String tenantPath(String endpoint) {
    return base + "/tenants/" + tenant + "/" + endpoint;
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
