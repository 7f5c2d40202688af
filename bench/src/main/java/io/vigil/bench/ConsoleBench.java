package io.vigil.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's overview at fleet size (issue 17: "paginated and answers p95 < 200 ms"): signs in as a browser does
 * (the sign-in form, then the session cookie), with tenant 0's read key and with the admin key, and fetches each kind
 * of overview page {@code reps} times after a warm-up, one request at a time, timed to the last byte.
 */
final class ConsoleBench {
  static final double TARGET_P95_MS = 200;
  private static final Pattern PAGES = Pattern.compile("Page (\\d+) of (\\d+)");
  private static final int WARM_UP = 5;

  /** One kind of page: its latencies (ms, sorted) and the size of its answer. */
  record Row(String key, String label, double[] millis, long bytes) {
    double percentile(double p) {
      int i = (int) Math.min(millis.length - 1, Math.ceil(p * millis.length) - 1);
      return millis[Math.max(0, i)];
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", label);
      m.put("requests", millis.length);
      m.put("p50_ms", percentile(0.5));
      m.put("p95_ms", percentile(0.95));
      m.put("max_ms", percentile(1.0));
      m.put("bytes", bytes);
      return m;
    }
  }

  record Result(List<Row> rows, int customersPerTenant, int pagesOfTenant) {
    double worstP95() {
      return rows.stream().mapToDouble(r -> r.percentile(0.95)).max().orElse(Double.NaN);
    }

    String markdown() {
      StringBuilder md = new StringBuilder("| overview page | requests | p50 ms | p95 ms | max ms | bytes |\n|---|---|---|---|---|---|\n");
      for (Row r : rows) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %,d |%n", r.label(), r.millis().length, r.percentile(0.5),
            r.percentile(0.95), r.percentile(1.0), r.bytes()));
      }
      return md.toString();
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("customers_per_tenant", customersPerTenant);
      m.put("pages_of_tenant", pagesOfTenant);
      rows.forEach(r -> m.put(r.key(), r.json()));
      return m;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;

  ConsoleBench(URI base) {
    this.base = base;
  }

  Result run(FleetModel fleet, int reps) throws Exception {
    String tenant = fleet.tenant(0);
    String prefix = "/console/t/" + tenant + "/";
    String session = signIn(fleet.readKey(0));
    String first = get(prefix, session).body();
    Matcher pages = PAGES.matcher(first);
    if (!pages.find()) {
      throw new IllegalStateException("the overview shows no page count:\n" + first.substring(0, Math.min(2000, first.length())));
    }
    int count = Integer.parseInt(pages.group(2));
    int customers = (fleet.customers() + fleet.tenants() - 1) / fleet.tenants();
    String each = customers + " customers";
    List<Row> rows = new ArrayList<>();
    rows.add(measure("first", "first page (tenant " + tenant + ", " + each + ")", session, reps, i -> prefix));
    rows.add(measure("middle", "middle page (" + (count + 1) / 2 + " of " + count + ")", session, reps,
        i -> prefix + "?page=" + (count + 1) / 2));
    rows.add(measure("filtered", "filtered: status failed, page 2", session, reps, i -> prefix + "?status=failed&page=2"));
    rows.add(measure("search", "search: customer name contains \"42\"", session, reps, i -> prefix + "?q=42"));
    String admin = signIn(FleetModel.ADMIN_KEY);
    rows.add(measure("admin", "admin key, first page of each tenant in turn (" + fleet.tenants() + ")", admin, reps,
        i -> "/console/t/" + fleet.tenant(i % fleet.tenants()) + "/"));
    return new Result(rows, customers, count);
  }

  private Row measure(String key, String label, String session, int reps, IntFunction<String> path) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      get(path.apply(i), session);
    }
    double[] millis = new double[reps];
    long bytes = 0;
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> page = get(path.apply(i), session);
      millis[i] = (System.nanoTime() - t0) / 1e6;
      if (page.statusCode() != 200) {
        throw new IllegalStateException(path.apply(i) + " answered " + page.statusCode());
      }
      bytes = page.body().getBytes(StandardCharsets.UTF_8).length;
    }
    Arrays.sort(millis);
    Row row = new Row(key, label, millis, bytes);
    System.out.printf(Locale.ROOT, "  console %s: p50 %.1f ms, p95 %.1f ms, max %.1f ms, %d bytes%n", key, row.percentile(0.5),
        row.percentile(0.95), row.percentile(1.0), bytes);
    return row;
  }

  /** The sign-in form as a browser posts it (same origin); the session cookie's value. */
  private String signIn(String key) throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/console/sign-in"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base.toString().replaceAll("/$", ""))
        .POST(HttpRequest.BodyPublishers.ofString("key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("vigil_console="))
        .map(c -> c.substring("vigil_console=".length(), c.indexOf(';'))).findFirst()
        .orElseThrow(() -> new IllegalStateException("console sign-in answered " + answer.statusCode() + ": " + answer.body()));
  }

  private HttpResponse<String> get(String path, String session) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", "vigil_console=" + session).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
