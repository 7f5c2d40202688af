package io.vigil.report;

import io.vigil.history.NightResult;
import io.vigil.model.JobResult;
import io.vigil.model.StatusRules;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * A {@link MonthlyReport} as one self-contained XHTML page (styles inline, the logo a data: URI, the size trend an inline
 * SVG: nothing to fetch), read both by mail clients and by the PDF renderer, and as a plain-text summary.
 */
public final class MonthlyRenderer {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final int CHART_WIDTH = 720;
  private static final int CHART_HEIGHT = 150;

  private MonthlyRenderer() {}

  public static String title(MonthlyReport report) {
    return report.customer() + ": backup report " + monthName(report) + " (" + report.brand().name() + ")";
  }

  public static String fileName(MonthlyReport report) {
    return "backup-report-" + report.customer().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
        + "-" + report.month() + ".pdf";
  }

  public static String text(MonthlyReport report) {
    MonthlyReport.Summary s = report.summary();
    StringBuilder t = new StringBuilder();
    t.append(title(report)).append("\n\n");
    t.append("Success rate: ").append(percent(s.successRate())).append(" (").append(s.successfulNights()).append(" of ")
        .append(s.expectedNights()).append(" expected nights)\n");
    t.append("Jobs: ").append(s.jobs()).append("\nFailed nights: ").append(s.failedNights()).append(" (").append(s.failedRuns())
        .append(" failed runs)\nNights with warnings: ").append(s.warningNights()).append("\nMissed nights: ").append(s.missedNights())
        .append("\nData protected: ").append(bytes(s.protectedBytes())).append('\n');
    MonthlyReport.Chains c = report.chains();
    if (c.chains() > 0) {
      t.append("Image chains: ").append(c.chains()).append(" (").append(c.broken()).append(" broken, ").append(c.unverified())
          .append(" unverified, ").append(c.overdue()).append(" overdue); usage ").append(bytes(c.usageBytes())).append(", retention ")
          .append(bytes(c.retentionBytes())).append('\n');
    }
    if (!report.devices().isEmpty()) {
      long up = report.devices().stream().filter(d -> Boolean.TRUE.equals(d.up())).count();
      t.append("Site servers: ").append(up).append(" of ").append(report.devices().size()).append(" up; availability this month ")
          .append(availability(s.availability())).append('\n');
    }
    t.append("\nThe full report is attached as a PDF.\n");
    if (report.brand().contact() != null) {
      t.append('\n').append(report.brand().contact()).append('\n');
    }
    return t.toString();
  }

  public static String html(MonthlyReport report) {
    MonthlyReport.Brand brand = report.brand();
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/><title>")
        .append(Html.escape(title(report))).append("</title>\n<style>\n")
        .append("@page { size: A4 landscape; margin: 12mm; }\n")
        .append("body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #222; }\n")
        .append("h1 { font-size: 18pt; margin: 0; color: ").append(brand.primaryColour()).append("; }\n")
        .append("h2 { font-size: 13pt; margin: 16px 0 6px 0; color: ").append(brand.primaryColour()).append("; }\n")
        .append("table { border-collapse: separate; border-spacing: 0; }\n")
        .append("td, th { padding: 2px 4px; }\n")
        .append(".header { border-bottom: 3px solid ").append(brand.accentColour())
        .append("; padding-bottom: 6px; margin-bottom: 10px; }\n")
        .append(".kpi td { padding: 3px 14px 3px 0; }\n")
        .append(".kpi .v { font-weight: bold; font-size: 12pt; }\n")
        // Cells apart by spacing, not by white borders (1,500 cells' borders were a sixth of the PDF's rendering time); the
        // margin takes back the spacing before the first row and column, so the grid keeps its size and the pages their breaks.
        .append(".grid { border-spacing: 1px; margin: -1px 0 0 -1px; }\n")
        .append(".grid th, .grid td { font-size: 7pt; text-align: center; }\n")
        .append(".grid td.name { text-align: left; white-space: nowrap; }\n")
        .append(".success { background: #c8e6c9; } .warning { background: #ffe082; } .failed { background: #ef9a9a; }\n")
        .append(".missed { background: #b39ddb; } .not_scheduled { background: #f5f5f5; color: #aaa; } .pending { background: #fff; }\n")
        .append(".notes td { border-bottom: 1px solid #eee; vertical-align: top; font-size: 8pt; }\n")
        .append(".muted { color: #777; }\n")
        .append("</style></head>\n<body>\n");
    h.append("<div class=\"header\"><table style=\"width:100%\"><tr><td>");
    if (brand.logoDataUri() != null) {
      h.append("<img src=\"").append(Html.escape(brand.logoDataUri())).append("\" alt=\"").append(Html.escape(brand.name()))
          .append("\" style=\"max-height:48px\"/>");
    }
    h.append("</td><td style=\"text-align:right\"><h1>").append(Html.escape(brand.name())).append("</h1>");
    if (brand.contact() != null) {
      h.append("<div class=\"muted\">").append(Html.escape(brand.contact())).append("</div>");
    }
    h.append("</td></tr></table></div>\n");
    h.append("<h1 style=\"color:#222\">").append(Html.escape(report.customer())).append(": backup report ").append(monthName(report))
        .append("</h1>\n<p class=\"muted\">Generated ").append(WHEN.format(report.generatedAt().atZone(ZoneId.of(report.timeZone()))))
        .append(" (").append(Html.escape(report.timeZone())).append(")</p>\n");
    summary(h, report);
    grid(h, report);
    sizeTrend(h, report);
    devicesAndChains(h, report);
    notes(h, report);
    return h.append("</body></html>\n").toString();
  }

  private static void summary(StringBuilder h, MonthlyReport report) {
    MonthlyReport.Summary s = report.summary();
    h.append("<h2>Summary</h2>\n<table class=\"kpi\"><tr>")
        .append(kpi("Success rate", percent(s.successRate()) + " (" + s.successfulNights() + " of " + s.expectedNights() + " nights)"))
        .append(kpi("Jobs", Long.toString(s.jobs())))
        .append(kpi("Failed nights", s.failedNights() + " (" + s.failedRuns() + " runs)"))
        .append(kpi("Warnings", s.warningNights() + " nights"))
        .append(kpi("Missed nights", Long.toString(s.missedNights())))
        .append(kpi("Data protected", bytes(s.protectedBytes())));
    if (!report.devices().isEmpty()) {
      h.append(kpi("Site server availability", availability(s.availability())));
    }
    h.append("</tr></table>\n");
  }

  private static String kpi(String name, String value) {
    return "<td><div class=\"muted\">" + Html.escape(name) + "</div><div class=\"v\">" + Html.escape(value) + "</div></td>";
  }

  private static void grid(StringBuilder h, MonthlyReport report) {
    h.append("<h2>Nightly results</h2>\n");
    if (report.jobs().isEmpty()) {
      h.append("<p>No backup job reported in this month.</p>\n");
      return;
    }
    h.append("<table class=\"grid\"><tr><th>Device / job</th>");
    for (LocalDate day : report.days()) {
      h.append("<th>").append(day.getDayOfMonth()).append("</th>");
    }
    h.append("<th>Rate</th></tr>\n");
    for (MonthlyReport.JobRow job : report.jobs()) {
      h.append("<tr><td class=\"name\">").append(Html.escape(job.device() + " / " + job.job())).append("</td>");
      for (NightResult night : job.nights()) {
        h.append("<td class=\"").append(night.label()).append("\">").append(letter(night)).append("</td>");
      }
      h.append("<td>").append(percent(job.successRate())).append("</td></tr>\n");
    }
    h.append("</table>\n<p class=\"muted\">S success, W warning, F failed, M missed, - not scheduled; blank: not over yet.</p>\n");
  }

  private static String letter(NightResult night) {
    return switch (night) {
      case SUCCESS -> "S";
      case WARNING -> "W";
      case FAILED -> "F";
      case MISSED -> "M";
      case NOT_SCHEDULED -> "-";
      case PENDING -> "";
    };
  }

  /** Bars of each night's backed-up bytes, as inline SVG. */
  private static void sizeTrend(StringBuilder h, MonthlyReport report) {
    h.append("<h2>Backup size per night</h2>\n");
    List<MonthlyReport.NightBytes> sizes = report.sizes();
    long max = sizes.stream().mapToLong(MonthlyReport.NightBytes::bytes).max().orElse(0);
    int left = 70;
    int plot = CHART_WIDTH - left - 10;
    int barHeight = CHART_HEIGHT - 30;
    double step = (double) plot / Math.max(1, sizes.size());
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"size-trend\" width=\"").append(CHART_WIDTH).append("\" height=\"")
        .append(CHART_HEIGHT).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(CHART_HEIGHT).append("\">")
        .append("<line x1=\"").append(left).append("\" y1=\"").append(barHeight + 5).append("\" x2=\"").append(CHART_WIDTH - 10)
        .append("\" y2=\"").append(barHeight + 5).append("\" stroke=\"#999\" stroke-width=\"1\"/>")
        .append("<text x=\"0\" y=\"14\" font-size=\"10\" fill=\"#555\">").append(Html.escape(bytes(max))).append("</text>")
        .append("<text x=\"0\" y=\"").append(barHeight + 5).append("\" font-size=\"10\" fill=\"#555\">0</text>");
    for (int i = 0; i < sizes.size(); i++) {
      long value = sizes.get(i).bytes();
      int height = max == 0 ? 0 : (int) Math.round((double) value / max * (barHeight - 5));
      double x = left + i * step + step * 0.15;
      tenths(h.append("<rect x=\""), x).append("\" y=\"").append(barHeight + 5 - height);
      tenths(h.append("\" width=\""), step * 0.7).append("\" height=\"").append(height)
          .append("\" fill=\"").append(report.brand().accentColour()).append("\"/>");
      if (i == 0 || (i + 1) % 5 == 0 || i == sizes.size() - 1) {
        tenths(h.append("<text x=\""), x).append("\" y=\"").append(CHART_HEIGHT - 5)
            .append("\" font-size=\"9\" fill=\"#555\">").append(sizes.get(i).day().getDayOfMonth()).append("</text>");
      }
    }
    h.append("</svg>\n");
  }

  /** A coordinate (not negative) with one decimal, without a Formatter for each of the chart's numbers. */
  private static StringBuilder tenths(StringBuilder h, double value) {
    long tenths = Math.round(value * 10);
    return h.append(tenths / 10).append('.').append(tenths % 10);
  }

  private static void devicesAndChains(StringBuilder h, MonthlyReport report) {
    if (!report.devices().isEmpty()) {
      long up = report.devices().stream().filter(d -> Boolean.TRUE.equals(d.up())).count();
      h.append("<h2>Site servers</h2>\n<p>").append(up).append(" of ").append(report.devices().size())
          .append(" up now (heartbeats).</p>\n<table class=\"notes\"><tr><th>Server</th><th>Now</th><th>Last heartbeat</th>")
          .append("<th>Availability this month</th><th>Errors raised this month</th><th>Active errors</th></tr>\n");
      for (MonthlyReport.DeviceRow device : report.devices()) {
        h.append("<tr><td>").append(Html.escape(device.device())).append("</td><td>")
            .append(device.up() == null ? "no heartbeat" : device.up() ? "up" : "unavailable").append("</td><td>")
            .append(device.lastHeartbeat() == null ? "" : WHEN.format(device.lastHeartbeat().atZone(ZoneId.of(report.timeZone()))))
            .append("</td><td>").append(availability(device.availability())).append("</td><td>").append(device.errorsRaised())
            .append("</td><td>").append(Html.escape(String.join(", ", device.activeErrors()))).append("</td></tr>\n");
      }
      h.append("</table>\n<p class=\"muted\">Availability: the share of the month (from a server's first heartbeat, up to now)")
          .append(" it was not unavailable; unavailable means more than ").append(StatusRules.MISSED_HEARTBEATS)
          .append(" heartbeat intervals passed without a heartbeat.</p>\n");
      outages(h, report);
    }
    MonthlyReport.Chains c = report.chains();
    if (c.chains() > 0) {
      h.append("<h2>Image chains</h2>\n<table class=\"kpi\"><tr>").append(kpi("Chains", Integer.toString(c.chains())))
          .append(kpi("Broken", Integer.toString(c.broken()))).append(kpi("Unverified", Integer.toString(c.unverified())))
          .append(kpi("Overdue", Integer.toString(c.overdue()))).append(kpi("Usage", bytes(c.usageBytes())))
          .append(kpi("Retention", bytes(c.retentionBytes())))
          .append(kpi("Quota", c.quotaBytes() == null ? "none" : bytes(c.quotaBytes()))).append("</tr></table>\n");
    }
  }

  private static void outages(StringBuilder h, MonthlyReport report) {
    h.append("<h2>Site server outages</h2>\n");
    if (report.devices().stream().allMatch(d -> d.outages().isEmpty())) {
      h.append("<p>None this month.</p>\n");
      return;
    }
    ZoneId zone = ZoneId.of(report.timeZone());
    h.append("<table class=\"notes\"><tr><th>Server</th><th>From</th><th>To</th><th>Duration</th></tr>\n");
    for (MonthlyReport.DeviceRow device : report.devices()) {
      for (MonthlyReport.Downtime outage : device.outages()) {
        h.append("<tr><td>").append(Html.escape(device.device())).append("</td><td>").append(WHEN.format(outage.from().atZone(zone)))
            .append("</td><td>").append(outage.ongoing() ? "ongoing" : WHEN.format(outage.to().atZone(zone))).append("</td><td>")
            .append(Durations.describe(outage.duration())).append("</td></tr>\n");
      }
      if (device.moreOutages() > 0) {
        h.append("<tr><td>").append(Html.escape(device.device())).append("</td><td colspan=\"3\" class=\"muted\">and ")
            .append(device.moreOutages()).append(" older outage(s)</td></tr>\n");
      }
    }
    h.append("</table>\n");
  }

  private static void notes(StringBuilder h, MonthlyReport report) {
    h.append("<h2>Failures and warnings</h2>\n");
    if (report.notes().isEmpty()) {
      h.append("<p>None this month.</p>\n");
      return;
    }
    h.append("<table class=\"notes\"><tr><th>Ended</th><th>Device / job</th><th>Result</th><th>Message</th></tr>\n");
    for (MonthlyReport.RunNote note : report.notes()) {
      h.append("<tr><td style=\"white-space:nowrap\">").append(WHEN.format(note.endedAt().atZone(ZoneId.of(report.timeZone()))))
          .append("</td><td>").append(Html.escape(note.device() + " / " + note.job())).append("</td><td class=\"")
          .append(note.result() == JobResult.FAILED ? "failed" : "warning").append("\">").append(note.result().label())
          .append("</td><td>").append(Html.escape(note.message())).append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (report.moreNotes() > 0) {
      h.append("<p class=\"muted\">and ").append(report.moreNotes()).append(" older failure(s) and warning(s).</p>\n");
    }
  }

  private static String monthName(MonthlyReport report) {
    return report.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + report.month().getYear();
  }

  static String percent(Double rate) {
    return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", rate * 100);
  }

  /** Availability with two decimals: a month's 99.9 % and 99.99 % differ by 40 minutes. */
  static String availability(Double ratio) {
    return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.2f %%", ratio * 100);
  }

  static String bytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
