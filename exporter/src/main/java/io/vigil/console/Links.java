package io.vigil.console;

import io.vigil.model.DeviceKey;
import io.vigil.model.JobKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;

/**
 * The console's stable URLs, which dashboards' data links and alerts' {@code console_url} annotations point
 * at: {@code /console/t/ACCOUNT/PAGE} with the entity's labels as query parameters (names may hold any
 * character, '/' included, so they are never path segments).
 */
public final class Links {
  public static final String PREFIX = "/console";

  private Links() {}

  public static String tenant(String account) {
    return PREFIX + "/t/" + account + "/";
  }

  public static String overview(String account, String status, String query, int page) {
    StringBuilder url = new StringBuilder(tenant(account));
    char sep = '?';
    if (status != null && !status.isEmpty()) {
      url.append(sep).append("status=").append(encode(status));
      sep = '&';
    }
    if (query != null && !query.isEmpty()) {
      url.append(sep).append("q=").append(encode(query));
      sep = '&';
    }
    if (page > 1) {
      url.append(sep).append("page=").append(page);
    }
    return url.toString();
  }

  /** The tenant's colours as a stylesheet ({@link Brand#css}). */
  public static String brandCss(String account) {
    return tenant(account) + "brand.css";
  }

  /** The tenant's logo, from its reports' branding. */
  public static String logo(String account) {
    return tenant(account) + "logo";
  }

  public static String errors(String account) {
    return tenant(account) + "errors";
  }

  public static String connectors(String account) {
    return tenant(account) + "connectors";
  }

  public static String customer(String account, String customer) {
    return tenant(account) + "customer?customer=" + encode(customer);
  }

  public static String device(DeviceKey key) {
    return tenant(key.tenant()) + "device?customer=" + encode(key.customer()) + "&device=" + encode(key.device());
  }

  public static String job(JobKey key) {
    return tenant(key.tenant()) + "job?customer=" + encode(key.customer()) + "&device=" + encode(key.device()) + "&job="
        + encode(key.job());
  }

  public static String chain(String account, String connector, String folder, String volume) {
    return tenant(account) + "chain?connector=" + encode(connector) + "&folder=" + encode(folder) + "&volume=" + encode(volume);
  }

  /** The customer's monthly report (served by the reports endpoint), {@code format} pdf or html. */
  public static String monthlyReport(String account, String customer, YearMonth month, String format) {
    return "/tenants/" + account + "/reports/monthly?customer=" + encode(customer) + "&month=" + month + "&format=" + format;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
