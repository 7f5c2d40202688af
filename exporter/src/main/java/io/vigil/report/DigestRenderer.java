package io.vigil.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@link DailyDigest} as a mail's subject, HTML and plain text, and as the JSON of its endpoint. */
public final class DigestRenderer {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private DigestRenderer() {}

  public static String subject(DailyDigest digest) {
    return digest.tenantName() + " daily digest " + digest.day() + ": "
        + (digest.allClear() ? "all clear" : digest.total() + " issue(s) at " + customerCount(digest) + " customer(s)");
  }

  public static String text(DailyDigest digest) {
    StringBuilder t = new StringBuilder();
    t.append(subject(digest)).append("\n\n");
    t.append("Generated ").append(when(digest.generatedAt(), digest)).append(" (").append(digest.timeZone()).append("), looking back to ")
        .append(when(digest.nightFrom(), digest)).append(".\n\n");
    if (digest.allClear()) {
      return t.append("ALL CLEAR: no failed, missed or overdue job, no unavailable device or active error, no broken or"
          + " unverified chain, no connector down and no unmanaged folder.\n").toString();
    }
    t.append("Totals:\n");
    digest.counts().forEach((kind, n) -> t.append("  ").append(kind.title()).append(": ").append(n).append('\n'));
    for (DailyDigest.CustomerIssues customer : digest.customers()) {
      t.append('\n').append(customerName(customer.customer())).append(" (").append(customer.issues().size()).append(")\n");
      for (Issue issue : customer.issues()) {
        t.append("  - [").append(issue.kind().label()).append("] ").append(issue.subject());
        if (issue.detail() != null) {
          t.append(": ").append(issue.detail());
        }
        if (issue.since() != null) {
          t.append(" (since ").append(when(issue.since(), digest)).append(')');
        }
        t.append("\n    ").append(issue.link()).append('\n');
      }
    }
    return t.toString();
  }

  public static String html(DailyDigest digest) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/><title>")
        .append(Html.escape(subject(digest))).append("</title></head>\n")
        .append("<body style=\"font-family:Helvetica,Arial,sans-serif;color:#222;max-width:900px\">\n")
        .append("<h1 style=\"font-size:20px\">").append(Html.escape(digest.tenantName())).append(" daily digest, ")
        .append(digest.day()).append("</h1>\n<p style=\"color:#555\">Generated ").append(when(digest.generatedAt(), digest))
        .append(" (").append(Html.escape(digest.timeZone())).append("), looking back to ").append(when(digest.nightFrom(), digest))
        .append(".</p>\n");
    if (digest.allClear()) {
      h.append("<p id=\"all-clear\" style=\"font-size:18px;color:#1e7b34;font-weight:bold\">All clear: no failed, missed or overdue job,"
          + " no unavailable device or active error, no broken or unverified chain, no connector down and no unmanaged folder.</p>\n");
      return h.append("</body></html>\n").toString();
    }
    h.append("<table style=\"border-collapse:collapse\" id=\"totals\">\n");
    digest.counts().forEach((kind, n) -> h.append("<tr><td style=\"padding:2px 12px 2px 0\">").append(Html.escape(kind.title()))
        .append("</td><td style=\"font-weight:bold\">").append(n).append("</td></tr>\n"));
    h.append("</table>\n");
    for (DailyDigest.CustomerIssues customer : digest.customers()) {
      h.append("<h2 style=\"font-size:16px;margin-top:18px\">").append(Html.escape(customerName(customer.customer())))
          .append(" <span style=\"color:#888\">(").append(customer.issues().size()).append(")</span></h2>\n<ul>\n");
      for (Issue issue : customer.issues()) {
        h.append("<li><span style=\"color:").append(colour(issue.kind())).append(";font-weight:bold\">")
            .append(Html.escape(issue.kind().title())).append("</span>: <a href=\"").append(Html.escape(issue.link())).append("\">")
            .append(Html.escape(issue.subject())).append("</a>");
        if (issue.detail() != null) {
          h.append(" - ").append(Html.escape(issue.detail()));
        }
        if (issue.since() != null) {
          h.append(" <span style=\"color:#888\">(since ").append(when(issue.since(), digest)).append(")</span>");
        }
        h.append("</li>\n");
      }
      h.append("</ul>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  /** The endpoint's JSON: counts by kind and the items by customer, each with its link. */
  public static Map<String, Object> json(DailyDigest digest) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tenant", digest.tenant());
    body.put("name", digest.tenantName());
    body.put("day", digest.day().toString());
    body.put("time_zone", digest.timeZone());
    body.put("from", digest.nightFrom().toString());
    body.put("generated_at", digest.generatedAt().toString());
    body.put("all_clear", digest.allClear());
    body.put("counts", counts(digest.counts()));
    body.put("customers", digest.customers().stream().map(c -> {
      Map<String, Object> customer = new LinkedHashMap<>();
      customer.put("customer", c.customer());
      customer.put("counts", counts(c.counts()));
      customer.put("items", c.issues().stream().map(DigestRenderer::item).toList());
      return customer;
    }).toList());
    return body;
  }

  private static Map<String, Object> item(Issue issue) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("kind", issue.kind().label());
    item.put("subject", issue.subject());
    item.put("detail", issue.detail());
    item.put("since", issue.since() == null ? null : issue.since().toString());
    item.put("link", issue.link());
    return item;
  }

  private static Map<String, Integer> counts(Map<IssueKind, Integer> counts) {
    Map<String, Integer> labelled = new LinkedHashMap<>();
    counts.forEach((kind, n) -> labelled.put(kind.label(), n));
    return labelled;
  }

  private static long customerCount(DailyDigest digest) {
    List<DailyDigest.CustomerIssues> customers = digest.customers();
    return customers.stream().filter(c -> !c.customer().equals(DailyDigest.CONNECTORS)).count();
  }

  private static String customerName(String customer) {
    return customer.equals(DailyDigest.CONNECTORS) ? "Connectors" : customer;
  }

  private static String when(Instant at, DailyDigest digest) {
    return WHEN.format(at.atZone(ZoneId.of(digest.timeZone())));
  }

  private static String colour(IssueKind kind) {
    return switch (kind) {
      case WARNING, UNMANAGED_FOLDER, CHAIN_UNVERIFIED, FAILED_LAST_NIGHT -> "#b7791f";
      default -> "#c0392b";
    };
  }
}
