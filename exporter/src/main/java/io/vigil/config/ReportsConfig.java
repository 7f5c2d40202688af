package io.vigil.config;

import java.time.Duration;

/**
 * How reports are delivered, fleet-wide: the SMTP relay (may be null: no mail is sent, the reports are still
 * served over HTTP), the base of the links in reports ({@code linkBase}, may be null: links are paths), how often
 * the scheduler looks for due reports, and how a failed send is retried (doubling from {@code retryFirstSeconds} up
 * to {@code retryMaxSeconds}, at most {@code maxAttempts} attempts in all), and the share of the time that reports made
 * one after another may take ({@code workShare}, see {@link io.vigil.report.ReportPace}).
 */
public record ReportsConfig(SmtpConfig smtp, String linkBase, Long checkIntervalSeconds, Long retryFirstSeconds, Long retryMaxSeconds,
    Integer maxAttempts, Double workShare) {
  public static final double DEFAULT_WORK_SHARE = 0.25;

  public ReportsConfig {
    checkIntervalSeconds = checkIntervalSeconds != null ? checkIntervalSeconds : 30L;
    retryFirstSeconds = retryFirstSeconds != null ? retryFirstSeconds : 60L;
    retryMaxSeconds = retryMaxSeconds != null ? retryMaxSeconds : 3_600L;
    maxAttempts = maxAttempts != null ? maxAttempts : 12;
    workShare = workShare != null ? workShare : DEFAULT_WORK_SHARE;
  }

  public static ReportsConfig standard() {
    return new ReportsConfig(null, null, null, null, null, null, null);
  }

  public Duration checkInterval() {
    return Duration.ofSeconds(checkIntervalSeconds);
  }

  /** The pause after the {@code attempts}-th failed attempt: doubling from the first, capped. */
  public Duration retryAfter(int attempts) {
    long seconds = retryFirstSeconds;
    for (int i = 1; i < attempts && seconds < retryMaxSeconds; i++) {
      seconds *= 2;
    }
    return Duration.ofSeconds(Math.min(seconds, retryMaxSeconds));
  }
}
