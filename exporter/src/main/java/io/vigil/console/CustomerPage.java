package io.vigil.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One customer: its jobs and their last nights, devices, image chains and unmanaged folders, quota and usage, monthly reports. */
public record CustomerPage(String customer, List<JobRow> jobs, NightGrid nights, List<DeviceRow> devices, List<ChainRow> chains, List<String> unmanaged,
    Long quotaBytes, long usageBytes, long retentionBytes, List<ReportLink> reports) {
  public record JobRow(String job, String device, String link, String status, Instant lastRun, Duration sinceSuccess, Duration grace,
      long consecutiveFailures, String message) {}

  public record DeviceRow(String device, String link, String status, Instant lastHeartbeat, Duration interval, List<String> activeErrors) {}

  /** {@code status}: broken, unverified (an image without its .md5, or a failed verification) or ok. */
  public record ChainRow(String connector, String folder, String volume, String link, String status, Instant newestImage,
      Duration sinceNewestImage, Duration grace, long usageBytes, long retentionBytes, int depth) {}

  public record ReportLink(String month, String html, String pdf) {}
}
