package io.vigil.history;

import io.vigil.config.HistoryConfig;
import io.vigil.config.VigilConfig;
import io.vigil.model.ExpectedRun;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.RollUp;
import io.vigil.model.Schedule;
import io.vigil.state.Fleet;
import io.vigil.store.HistoryScope;
import io.vigil.store.StoreException;
import io.vigil.view.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Each job's result per night, rolled up from the store's run history. A night is named after the day it starts on
 * and runs from the tenant's day start to the next (so a 01:00 run counts for the night before); a run counts for the
 * night it ended in. A night with runs is their roll-up ({@link io.vigil.model.RollUp}). A night without runs is:
 * <ul>
 *   <li>not scheduled when it ended before the job's first run;
 *   <li>for a scheduled job: not scheduled when no expected run starts in it, missed when every one that does is past
 *       its deadline, else pending;
 *   <li>for a job without a schedule: pending until it is over; then missed when the job had no run for longer than its
 *       grace at its end (the job was overdue), else not scheduled.
 * </ul>
 */
public final class NightlyHistory {
  /** The longest range one question may cover, in nights. */
  public static final int MAX_NIGHTS = 366;
  /** The most job-nights one question may cover (jobs known in the scope times nights), which bounds what is read. */
  public static final long MAX_JOB_NIGHTS = 400_000;
  /** How far before the range runs are read to judge an unscheduled job's first nights (capping its grace). */
  private static final Duration MAX_LOOKBACK = Duration.ofDays(31);
  private static final Comparator<JobKey> JOB_ORDER = Comparator.comparing(JobKey::customer).thenComparing(JobKey::device)
      .thenComparing(JobKey::job);

  private final RunLog runs;
  private final Fleet fleet;
  private final Supplier<VigilConfig> config;
  private final Schedules schedules;
  private final Clock clock;

  public NightlyHistory(RunLog runs, Fleet fleet, Supplier<VigilConfig> config, Clock clock) {
    this.runs = runs;
    this.fleet = fleet;
    this.config = config;
    this.schedules = new Schedules();
    this.clock = clock;
  }

  /** The night the clock is in now, in the tenant's time zone and day start. */
  public LocalDate tonight(String tenant) {
    VigilConfig cfg = config.get();
    return nightOf(clock.instant(), cfg.timeZoneFor(tenant), cfg.historyFor(tenant).dayStartTime());
  }

  /** The night {@code at} is in, nights starting at {@code dayStart} in {@code zone}. */
  public static LocalDate nightOf(Instant at, ZoneId zone, LocalTime dayStart) {
    LocalDate day = at.atZone(zone).toLocalDate();
    return nightStart(day, zone, dayStart).isAfter(at) ? day.minusDays(1) : day;
  }

  /**
   * The month a monthly report is of unless one is asked for: that of the newest finished night, so on the first day of
   * a month (until its first night ends) the month just ended, which has results, not a month of one night in progress.
   */
  public YearMonth reportMonth(String tenant) {
    return YearMonth.from(tonight(tenant).minusDays(1));
  }

  /**
   * The nights [from, to] of every job in {@code scope} that is known or ran then. {@link TooManyNights} says the range is not 1 to {@value #MAX_NIGHTS} nights or covers more than {@value #MAX_JOB_NIGHTS} job-nights.
   */
  public Nights nights(HistoryScope scope, LocalDate from, LocalDate to) throws StoreException {
    return nights(scope, known(scope), from, to, null);
  }

  /** The jobs of the scope the fleet knows now. */
  private List<JobKey> known(HistoryScope scope) {
    List<JobKey> known = new ArrayList<>();
    for (JobState job : scope.customer() == null ? fleet.jobs(scope.tenant()) : fleet.jobs(scope.tenant(), scope.customer())) {
      if (inScope(job.key(), scope)) {
        known.add(job.key());
      }
    }
    return known;
  }

  /**
   * {@link #nights(HistoryScope, LocalDate, LocalDate)} and the runs that ended within those nights, in the order they
   * ended: one read of the history for a report that shows both.
   */
  public NightsWithRuns nightsWithRuns(HistoryScope scope, LocalDate from, LocalDate to) throws StoreException {
    List<JobRun> runs = new ArrayList<>();
    return new NightsWithRuns(nights(scope, known(scope), from, to, runs), runs);
  }

  /** Nights and the runs they were made of. */
  public record NightsWithRuns(Nights nights, List<JobRun> runs) {}

  /**
   * The nights of each of a tenant's {@code customers}, as {@link #nights} of each customer's scope (a page of a large
   * tenant's customers costs what the page holds).
   */
  public Map<String, Nights> nightsOfCustomers(String tenant, Collection<String> customers, LocalDate from, LocalDate to)
      throws StoreException {
    Map<String, Nights> nights = new LinkedHashMap<>();
    for (String customer : customers) {
      List<JobKey> known = fleet.jobs(tenant, customer).stream().map(JobState::key).toList();
      nights.put(customer, nights(HistoryScope.customer(tenant, customer), known, from, to, null));
    }
    return nights;
  }

  /** {@code within}, unless null, gets the runs that ended within the nights. */
  private Nights nights(HistoryScope scope, List<JobKey> known, LocalDate from, LocalDate to, List<JobRun> within)
      throws StoreException {
    long count = ChronoUnit.DAYS.between(from, to) + 1;
    if (count < 1 || count > MAX_NIGHTS) {
      throw new TooManyNights("a range is 1 to " + MAX_NIGHTS + " nights, from " + from + " to " + to + " is " + count);
    }
    VigilConfig cfg = config.get();
    ZoneId zone = cfg.timeZoneFor(scope.tenant());
    HistoryConfig history = cfg.historyFor(scope.tenant());
    LocalTime dayStart = history.dayStartTime();
    Instant start = nightStart(from, zone, dayStart);
    Instant end = nightStart(to.plusDays(1), zone, dayStart);
    Instant now = clock.instant();

    Map<JobKey, List<JobRun>> byJob = new TreeMap<>(JOB_ORDER);
    known.forEach(key -> byJob.put(key, new ArrayList<>()));
    if (byJob.size() * count > MAX_JOB_NIGHTS) {
      throw new TooManyNights(byJob.size() + " jobs over " + count + " nights is more than " + MAX_JOB_NIGHTS
          + " job-nights at once; ask for one customer or fewer nights");
    }
    Duration lookback = byJob.keySet().stream().map(key -> grace(key, cfg)).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    lookback = lookback.compareTo(MAX_LOOKBACK) > 0 ? MAX_LOOKBACK : lookback;
    for (JobRun run : runs.runs(scope, start.minus(lookback), end)) {
      boolean ended = !run.endedAt().isBefore(start);
      if (ended || byJob.containsKey(run.key())) {
        byJob.computeIfAbsent(run.key(), key -> new ArrayList<>()).add(run);
      }
      if (ended && within != null) {
        within.add(run);
      }
    }
    List<JobNights> jobs = new ArrayList<>(byJob.size());
    byJob.forEach((key, jobRuns) -> jobs.add(job(key, jobRuns, from, count, zone, dayStart, history.rollUp(), cfg, now)));
    return new Nights(from, to, zone, dayStart, history.rollUp(), jobs);
  }

  private JobNights job(JobKey key, List<JobRun> jobRuns, LocalDate from, long count, ZoneId zone, LocalTime dayStart, RollUp rollUp,
      VigilConfig cfg, Instant now) {
    JobState state = fleet.job(key);
    Schedule schedule = schedules.of(key, state != null ? state.schedule() : null, cfg.tenant(key.tenant()).orElse(null));
    Duration grace = grace(key, cfg);
    Instant firstSeen = state != null ? state.firstSeen() : jobRuns.get(0).endedAt();
    List<Night> nights = new ArrayList<>((int) count);
    int next = 0;
    Instant lastEnd = null;
    Instant nightEnd = nightStart(from, zone, dayStart);
    for (LocalDate day = from; nights.size() < count; day = day.plusDays(1)) {
      Instant nightStart = nightEnd;
      nightEnd = nightStart(day.plusDays(1), zone, dayStart);
      while (next < jobRuns.size() && jobRuns.get(next).endedAt().isBefore(nightStart)) {
        lastEnd = jobRuns.get(next++).endedAt();
      }
      List<JobResult> results = new ArrayList<>();
      while (next < jobRuns.size() && jobRuns.get(next).endedAt().isBefore(nightEnd)) {
        results.add(jobRuns.get(next).result());
        lastEnd = jobRuns.get(next++).endedAt();
      }
      NightResult result;
      if (!results.isEmpty()) {
        result = switch (rollUp.of(results)) {
          case SUCCESS -> NightResult.SUCCESS;
          case WARNING -> NightResult.WARNING;
          case FAILED -> NightResult.FAILED;
        };
      } else if (!nightEnd.isAfter(firstSeen)) {
        result = NightResult.NOT_SCHEDULED;
      } else if (schedule != null) {
        result = scheduled(schedule, nightStart, nightEnd, now);
      } else if (nightEnd.isAfter(now)) {
        result = NightResult.PENDING;
      } else {
        boolean overdue = lastEnd == null || Duration.between(lastEnd, nightEnd).compareTo(grace) > 0;
        result = overdue ? NightResult.MISSED : NightResult.NOT_SCHEDULED;
      }
      nights.add(new Night(day, result, results.size()));
    }
    return new JobNights(key, nights);
  }

  private static NightResult scheduled(Schedule schedule, Instant nightStart, Instant nightEnd, Instant now) {
    List<ExpectedRun> expected = schedule.startingIn(nightStart, nightEnd);
    if (expected.isEmpty()) {
      return NightResult.NOT_SCHEDULED;
    }
    return expected.stream().allMatch(run -> run.deadline().isBefore(now)) ? NightResult.MISSED : NightResult.PENDING;
  }

  /** The grace of a job without a schedule: its own, else its tenant's. */
  private Duration grace(JobKey key, VigilConfig cfg) {
    JobState state = fleet.job(key);
    return state != null && state.grace() != null ? state.grace() : cfg.graceFor(key.tenant());
  }

  /** When the night of {@code day} starts. */
  public static Instant nightStart(LocalDate day, ZoneId zone, LocalTime dayStart) {
    return day.atTime(dayStart).atZone(zone).toInstant();
  }

  private static boolean inScope(JobKey key, HistoryScope scope) {
    return (scope.customer() == null || scope.customer().equals(key.customer()))
        && (scope.device() == null || scope.device().equals(key.device()))
        && (scope.job() == null || scope.job().equals(key.job()));
  }
}
