package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exporter's own duration histograms (classic buckets), read from its /metrics with only their families asked for,
 * so that what a window of the benchmark changed in them can be told apart from another window's: the time the exporter
 * itself spent on each push and on each commit, beside the latency the load generator saw.
 */
final class ServerHistograms {
  private static final Pattern SAMPLE = Pattern.compile("^(\\w+)_(bucket|sum|count)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LE = Pattern.compile(",?le=\"([^\"]+)\"");

  /** One histogram (a family and its labels but le): cumulative counts by upper bound, and the sum. */
  record Histogram(TreeMap<Double, Double> buckets, double sum, double count) {
    Histogram minus(Histogram before) {
      TreeMap<Double, Double> delta = new TreeMap<>();
      buckets.forEach((le, n) -> delta.put(le, n - (before == null ? 0 : before.buckets.getOrDefault(le, 0.0))));
      return new Histogram(delta, sum - (before == null ? 0 : before.sum), count - (before == null ? 0 : before.count));
    }

    Histogram plus(Histogram other) {
      TreeMap<Double, Double> total = new TreeMap<>(buckets);
      other.buckets.forEach((le, n) -> total.merge(le, n, Double::sum));
      return new Histogram(total, sum + other.sum, count + other.count);
    }

    /** As PromQL's histogram_quantile: linear within the bucket the rank falls in; in seconds. */
    double quantile(double q) {
      double rank = q * count;
      double lower = 0;
      double below = 0;
      for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
        if (bucket.getValue() >= rank) {
          if (bucket.getKey().isInfinite()) {
            return lower;
          }
          double inBucket = bucket.getValue() - below;
          return inBucket == 0 ? bucket.getKey() : lower + (bucket.getKey() - lower) * (rank - below) / inBucket;
        }
        lower = bucket.getKey();
        below = bucket.getValue();
      }
      return lower;
    }

    String describe() {
      return String.format(Locale.ROOT, "%,.0f | %.3f | %.2f | %.2f", count, count == 0 ? 0 : sum / count * 1000,
          quantile(0.99) * 1000, quantile(0.999) * 1000);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI uri;
  private final String adminKey;

  ServerHistograms(URI base, String adminKey, List<String> families) {
    this.uri = base.resolve("/metrics?" + String.join("&", families.stream().map(f -> "name%5B%5D=" + f).toList()));
    this.adminKey = adminKey;
  }

  /** Every histogram of the families, keyed by family and labels (le left out). */
  Map<String, Histogram> read() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + adminKey).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/metrics answered " + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
  }

  /** The histograms of a text exposition (classic buckets). */
  static Map<String, Histogram> parse(String exposition) {
    Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
    Map<String, Double> sums = new HashMap<>();
    Map<String, Double> counts = new HashMap<>();
    for (String line : exposition.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      String labels = m.group(3) == null ? "" : m.group(3);
      double value = Double.parseDouble(m.group(4));
      switch (m.group(2)) {
        case "bucket" -> {
          Matcher le = LE.matcher(labels);
          if (le.find()) {
            String key = m.group(1) + "{" + le.replaceFirst("").replaceFirst("^,", "") + "}";
            buckets.computeIfAbsent(key, k -> new TreeMap<>()).put(Double.parseDouble(le.group(1).replace("+Inf", "Infinity")), value);
          }
        }
        case "sum" -> sums.put(m.group(1) + "{" + labels + "}", value);
        default -> counts.put(m.group(1) + "{" + labels + "}", value);
      }
    }
    Map<String, Histogram> histograms = new TreeMap<>();
    buckets.forEach((key, b) -> histograms.put(key, new Histogram(b, sums.getOrDefault(key, 0.0), counts.getOrDefault(key, 0.0))));
    return histograms;
  }

  /** {@code total} plus what changed from {@code before} to {@code after}. */
  static void addChange(Map<String, Histogram> total, Map<String, Histogram> before, Map<String, Histogram> after) {
    after.forEach((key, h) -> total.merge(key, h.minus(before.get(key)), Histogram::plus));
  }
}
