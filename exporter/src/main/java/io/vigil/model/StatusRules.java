package io.vigil.model;

import java.time.Duration;
import java.time.Instant;

/** Derives status from stored facts and the current time; the only place these rules live. */
public final class StatusRules {
  /** Heartbeats that may be missed in a row before a device counts as unavailable. */
  public static final int MISSED_HEARTBEATS = 3;

  private StatusRules() {}

  /** The moment a success is measured from: the newest success, or the first run for a job that never succeeded. */
  public static Instant successReference(JobState job) {
    return job.lastSuccess() != null ? job.lastSuccess() : job.firstSeen();
  }

  /**
   * How long ago {@code since} was, never negative: times up to {@code MAX_CLOCK_SKEW} ahead of the exporter's
   * clock are accepted (an agent's clock may run ahead), and such a time is "just now", not "in -3 minutes".
   */
  public static Duration age(Instant since, Instant now) {
    return since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
  }

  /** Overdue wins: no success for longer than the grace, whatever the newest run says. */
  public static JobStatus jobStatus(JobState job, Duration grace, Instant now) {
    if (Duration.between(successReference(job), now).compareTo(grace) > 0) {
      return JobStatus.OVERDUE;
    }
    return byNewestRun(job);
  }

  /**
   * A scheduled job is judged by its expected runs instead of a grace since the last success: missed when no run has
   * ended since the start of the newest expected run whose deadline has passed, else as its newest run says. Between
   * expected runs (a weekly job's other six days) nothing is due, so nothing is missed.
   */
  public static JobStatus jobStatus(JobState job, Schedule schedule, Instant now) {
    ExpectedRun due = schedule.lastDue(now);
    if (due != null && job.lastRun().endedAt().isBefore(due.start())) {
      return JobStatus.MISSED;
    }
    return byNewestRun(job);
  }

  /** Expected runs of a scheduled job missed since its newest run (bounded; see {@link Schedule#missedAfter}). */
  public static long missedRuns(JobState job, Schedule schedule, Instant now) {
    return schedule.missedAfter(job.lastRun().endedAt(), now);
  }

  private static JobStatus byNewestRun(JobState job) {
    return switch (job.lastRun().result()) {
      case SUCCESS -> JobStatus.OK;
      case WARNING -> JobStatus.WARNING;
      case FAILED -> JobStatus.FAILED;
    };
  }

  /** A device is up until more than {@value #MISSED_HEARTBEATS} intervals have passed since its newest heartbeat. */
  public static boolean deviceUp(Instant lastHeartbeat, Duration interval, Instant now) {
    return !now.isAfter(upUntil(lastHeartbeat, interval));
  }

  /** The last moment a device whose newest heartbeat is {@code lastHeartbeat} counts as up (the console's timeline). */
  public static Instant upUntil(Instant lastHeartbeat, Duration interval) {
    return lastHeartbeat.plus(interval.multipliedBy(MISSED_HEARTBEATS));
  }

  /**
   * The outage a heartbeat at {@code at} ends, or null: the device was unavailable by {@link #deviceUp} just before it
   * arrived, from the moment its previous heartbeat {@code lastHeartbeat} stopped counting until this one.
   */
  public static Outage outageEndedBy(DeviceKey key, Instant lastHeartbeat, Duration interval, Instant at) {
    return deviceUp(lastHeartbeat, interval, at) ? null : new Outage(key, upUntil(lastHeartbeat, interval), at);
  }

  /** An image chain is overdue once its newest backup image is older than its grace (the folder's monitoring priority). */
  public static boolean chainOverdue(Duration sinceNewestImage, Duration grace) {
    return sinceNewestImage.compareTo(grace) > 0;
  }
}
