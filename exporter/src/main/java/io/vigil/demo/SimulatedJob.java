package io.vigil.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One simulated backup job: its schedule, its behaviour, and the job reports it sends. */
final class SimulatedJob {
  private final String tenant;
  private final String customer;
  private final String device;
  private final String job;
  private final Duration every;
  private final Duration grace;
  private final Duration length;
  private final Scenario scenario;
  private final int seed;
  /** The schedule its reports carry (the push API's {@code schedule}), or null. */
  private final Map<String, Object> schedule;
  private Instant nextRun;

  private SimulatedJob(String tenant, String customer, String device, String job, Duration every, Duration grace,
      Duration length, Scenario scenario, Instant now) {
    this(tenant, customer, device, job, every, grace, length, scenario, null, null);
    // The newest run ended a little while ago; the next one comes one period after it.
    Duration phase = Duration.ofMinutes(5 + seed % (every.toMinutes() > 60 ? 300 : 50));
    this.nextRun = now.minus(phase).plus(every);
  }

  private SimulatedJob(String tenant, String customer, String device, String job, Duration every, Duration grace,
      Duration length, Scenario scenario, Map<String, Object> schedule, Instant nextRun) {
    this.tenant = tenant;
    this.customer = customer;
    this.device = device;
    this.job = job;
    this.every = every;
    this.grace = grace;
    this.length = length;
    this.scenario = scenario;
    this.seed = Math.abs((customer + device + job).hashCode());
    this.schedule = schedule;
    this.nextRun = nextRun;
  }

  static SimulatedJob daily(String tenant, String customer, String device, String job, Scenario scenario, Instant now) {
    return new SimulatedJob(tenant, customer, device, job, Duration.ofDays(1), Duration.ofHours(36), Duration.ofMinutes(40),
        scenario, now);
  }

  static SimulatedJob hourly(String tenant, String customer, String device, String job, Scenario scenario, Instant now) {
    return new SimulatedJob(tenant, customer, device, job, Duration.ofHours(1), Duration.ofHours(6), Duration.ofMinutes(2),
        scenario, now);
  }

  /**
   * A weekly job scheduled for Saturdays 01:00-05:00 UTC, ending at 03:00 and some minutes: ok on the other six days
   * (its reports' grace of 36 hours alone would make it overdue on them); with {@link Scenario#OVERDUE} its three newest
   * Saturdays are missed.
   */
  static SimulatedJob weekly(String tenant, String customer, String device, String job, Scenario scenario, Instant now) {
    Map<String, Object> saturdays = new LinkedHashMap<>();
    saturdays.put("days", List.of("sat"));
    saturdays.put("window_start", "01:00");
    saturdays.put("window_end", "05:00");
    saturdays.put("time_zone", "UTC");
    saturdays.put("grace_seconds", 3600);
    int minute = Math.abs((customer + device + job).hashCode()) % 50;
    ZonedDateTime saturday = now.atZone(ZoneOffset.UTC).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)).toLocalDate()
        .atTime(3, minute).atZone(ZoneOffset.UTC);
    Instant next = saturday.toInstant().isAfter(now) ? saturday.toInstant() : saturday.plusWeeks(1).toInstant();
    return new SimulatedJob(tenant, customer, device, job, Duration.ofDays(7), Duration.ofHours(36), Duration.ofMinutes(90), scenario,
        saturdays, next);
  }

  String tenant() {
    return tenant;
  }

  /**
   * Daily runs since the first of the month before, so the reports of this month and the one before have a full grid
   * (two days of hourly ones, six weeks of weekly ones); newest last.
   */
  List<Map<String, Object>> history(Instant now) {
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    int days = every.toDays() >= 7 ? 42
        : every.toHours() >= 24 ? (int) ChronoUnit.DAYS.between(today.minusMonths(1).withDayOfMonth(1), today) + 1 : 2;
    int count = (int) (Duration.ofDays(days).toMinutes() / every.toMinutes());
    Instant newest = nextRun.minus(every);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (int age = count - 1; age >= 0; age--) {
      if (scenario == Scenario.OVERDUE && age < 3) {
        continue;
      }
      runs.add(report(newest.minus(every.multipliedBy(age)), resultAt(age)));
    }
    return runs;
  }

  /** The run that has come due since the last tick, if any; an overdue job stays silent. */
  List<Map<String, Object>> due(Instant now) {
    if (scenario == Scenario.OVERDUE || now.isBefore(nextRun)) {
      return List.of();
    }
    Instant end = nextRun;
    nextRun = nextRun.plus(every);
    return List.of(report(end, resultAt(0)));
  }

  private String resultAt(int age) {
    return switch (scenario) {
      case WARNING -> age == 0 ? "warning" : "success";
      case FAILED -> age == 0 ? "failed" : "success";
      case FAILING -> age < 3 ? "failed" : "success";
      // Now and then a warning, but not in the newest two runs: the newest finished night has a success.
      default -> age >= 2 && (seed + age) % 13 == 0 ? "warning" : "success";
    };
  }

  private Map<String, Object> report(Instant end, String result) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("type", "job_report");
    report.put("customer", customer);
    report.put("device", device);
    report.put("job", job);
    report.put("run_id", job + "-" + end.getEpochSecond());
    report.put("status", result);
    long minutes = length.toMinutes() + (seed + end.getEpochSecond() / 60) % Math.max(1, length.toMinutes());
    report.put("started_at", end.minus(Duration.ofMinutes(minutes)).toString());
    report.put("ended_at", end.toString());
    // Sizes move from night to night, so the reports' size trend has a shape.
    long size = (seed % 50 + 1) * 1_073_741_824L / (every.toHours() >= 24 ? 1 : 64) * (90 + (seed + end.getEpochSecond() / 86_400) % 21)
        / 100;
    report.put("bytes", result.equals("failed") ? 0 : size);
    report.put("files", result.equals("failed") ? 0 : seed % 90_000 + 1_000);
    report.put("errors", result.equals("failed") ? 1 : 0);
    report.put("warnings", result.equals("warning") ? 2 : 0);
    report.put("message", switch (result) {
      case "failed" -> "Destination unreachable: \\\\nas01\\backups (network path not found)";
      case "warning" -> "2 files skipped: locked by another process";
      default -> "Completed";
    });
    report.put("grace_seconds", grace.toSeconds());
    report.put("product", job.startsWith("sql") ? "SQL agent 15.2" : "ImageBackup 8.1");
    if (schedule != null) {
      report.put("schedule", schedule);
    }
    return report;
  }
}
