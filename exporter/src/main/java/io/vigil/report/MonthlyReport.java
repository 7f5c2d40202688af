package io.vigil.report;

import io.vigil.history.NightResult;
import io.vigil.model.JobResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * One customer's report for one month, as the tenant's branding presents it: the summary, the per-job nightly grid
 * (from the nightly history), the failures and warnings with their messages (the newest {@link #MAX_NOTES}; {@code moreNotes}
 * counts the rest), the size of each night's backups, the site servers and the image chains.
 */
public record MonthlyReport(Brand brand, String tenant, String customer, YearMonth month, String timeZone, Instant generatedAt,
    Summary summary, List<LocalDate> days, List<JobRow> jobs, List<RunNote> notes, int moreNotes, List<NightBytes> sizes,
    List<DeviceRow> devices, Chains chains) {
  public static final int MAX_NOTES = 200;
  /** Outages listed per site server, the newest; the others are counted. */
  public static final int MAX_OUTAGES = 20;

  /** Nothing to report: the customer had no job, site server or image chain in the month. */
  public boolean empty() {
    return jobs.isEmpty() && devices.isEmpty() && chains.chains() == 0;
  }

  /** The tenant as its customer sees it: name, logo (a data: URI, or null), colours (#RRGGBB) and contact line (or null). */
  public record Brand(String name, String logoDataUri, String primaryColour, String accentColour, String contact) {}

  /**
   * {@code successRate} is successful nights over expected nights (null when none was expected); {@code protectedBytes}
   * the size of each job's newest good run of the month, added up; {@code availability} the site servers' heartbeat
   * availability, their time unavailable over their time known in the month, added up (null when none was known).
   */
  public record Summary(Double successRate, long successfulNights, long expectedNights, int jobs, long failedNights,
      long warningNights, long missedNights, long failedRuns, long protectedBytes, Double availability) {}

  public record JobRow(String device, String job, List<NightResult> nights, Double successRate) {}

  public record RunNote(Instant endedAt, String device, String job, JobResult result, String message) {}

  public record NightBytes(LocalDate day, long bytes) {}

  /**
   * A site server now ({@code up} null for one that never sent a heartbeat), the error events it raised in the month, its
   * heartbeat availability in the month (null when it was not known in the month) and its newest outages in the month
   * (at most {@link #MAX_OUTAGES}, newest first; {@code moreOutages} counts the others).
   */
  public record DeviceRow(String device, Boolean up, Instant lastHeartbeat, int errorsRaised, List<String> activeErrors,
      Double availability, List<Downtime> outages, int moreOutages) {}

  /** Time a site server was unavailable, clipped to the month; {@code ongoing} when it still is at report time. */
  public record Downtime(Instant from, Instant to, boolean ongoing) {
    public Duration duration() {
      return Duration.between(from, to);
    }
  }

  /** The customer's image chains as the last good polls found them; {@code quotaBytes} may be null. */
  public record Chains(int chains, int broken, int unverified, int overdue, long usageBytes, long retentionBytes, Long quotaBytes) {}
}
