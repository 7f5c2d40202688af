package io.vigil.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.HistoryConfig;
import io.vigil.config.SchedulesConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.model.DeviceKey;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.RollUp;
import io.vigil.model.ScheduleSpec;
import io.vigil.state.Fleet;
import io.vigil.store.HistoryScope;
import io.vigil.store.Snapshot;
import io.vigil.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nights in Berlin starting at 06:00, from runs held in memory as the store would return them, at a controlled time. */
class NightlyHistoryTest {
  static final JobKey NIGHTLY = new JobKey("acme", "Dental", "fs01", "nightly");
  static final JobKey WEEKLY = new JobKey("acme", "Dental", "fs01", "weekly");
  static final JobKey OTHER = new JobKey("acme", "Bakery", "pos01", "nightly");
  static final ScheduleSpec SATURDAYS = new ScheduleSpec(null, List.of("sat"), "01:00", "05:00", null, 3600L);

  final TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));
  final List<JobRun> runs = new ArrayList<>();
  RollUp rollUp = RollUp.MIXED;
  int logReads;

  JobRun run(JobKey key, JobResult result, String end) {
    return run(key, result, end, null, null);
  }

  JobRun run(JobKey key, JobResult result, String end, Duration grace, ScheduleSpec schedule) {
    Instant at = Instant.parse(end);
    JobRun run = new JobRun(key, "r" + runs.size(), result, at.minusSeconds(900), at, 1, 1, 0, 0, null, grace, null, schedule);
    runs.add(run);
    return run;
  }

  Nights nights(HistoryScope scope, String from, String to) throws Exception {
    return history().nights(scope, LocalDate.parse(from), LocalDate.parse(to));
  }

  NightlyHistory history() {
    runs.sort((a, b) -> a.endedAt().compareTo(b.endedAt()));
    Map<JobKey, JobState> states = new LinkedHashMap<>();
    for (JobRun run : runs) {
      states.merge(run.key(), JobState.first(run, run.endedAt()), (old, first) -> old.apply(run, run.endedAt(), (key, after) -> 0));
    }
    Fleet fleet = Fleet.of(new Snapshot(List.copyOf(states.values()), List.of()));
    TenantConfig acme = new TenantConfig("acme", null, null, null, List.of(), null, null, null, null, null, "Europe/Berlin",
        new HistoryConfig("06:00", rollUp), SchedulesConfig.none());
    VigilConfig config = new VigilConfig(null, null, null, null, null, List.of(acme));
    RunLog log = (s, f, t) -> {
      logReads++;
      return runs.stream()
          .filter(r -> r.key().tenant().equals(s.tenant()) && (s.customer() == null || r.key().customer().equals(s.customer())))
          .filter(r -> !r.endedAt().isBefore(f) && r.endedAt().isBefore(t)).toList();
    };
    return new NightlyHistory(log, fleet, () -> config, clock);
  }

  static List<NightResult> results(Nights nights, JobKey key) {
    return nights.jobs().stream().filter(j -> j.job().equals(key)).findFirst().orElseThrow().nights().stream().map(Night::result)
        .toList();
  }

  /** Berlin is UTC+1 in winter: the night of 1 December starts at 05:00 UTC and ends at 05:00 UTC on the 2nd. */
  @ParameterizedTest
  @CsvSource({"2026-11-30T23:30:00Z, 2026-11", "2026-12-01T04:59:59Z, 2026-11", "2026-12-01T05:00:00Z, 2026-11",
      "2026-12-02T04:59:59Z, 2026-11", "2026-12-02T05:00:00Z, 2026-12", "2026-12-15T12:00:00Z, 2026-12"})
  void aMonthlyReportIsOfTheMonthOfTheNewestFinishedNightUnlessOneIsAskedFor(String now, String month) {
    clock.set(Instant.parse(now));
    assertThat(history().reportMonth("acme")).hasToString(month);
  }

  @ParameterizedTest
  @CsvSource({"MIXED, WARNING", "WORST, FAILED", "LAST, SUCCESS"})
  void severalRunsInOneNightRollUpByTheConfiguredRule(RollUp rule, NightResult expected) throws Exception {
    rollUp = rule;
    run(NIGHTLY, JobResult.SUCCESS, "2026-11-19T22:00:00Z"); // 23:00 Berlin
    run(NIGHTLY, JobResult.FAILED, "2026-11-20T00:00:00Z"); // 01:00
    run(NIGHTLY, JobResult.SUCCESS, "2026-11-20T04:59:59Z"); // 05:59:59, still the night of the 19th
    Nights nights = nights(HistoryScope.tenant("acme"), "2026-11-19", "2026-11-19");
    assertThat(nights.jobs().get(0).nights()).containsExactly(new Night(LocalDate.parse("2026-11-19"), expected, 3));
  }

  @Test
  void mixedIsSuccessOrFailedOnlyWhenEveryRunAgrees() throws Exception {
    run(NIGHTLY, JobResult.SUCCESS, "2026-11-19T22:00:00Z");
    run(NIGHTLY, JobResult.SUCCESS, "2026-11-20T01:00:00Z");
    run(NIGHTLY, JobResult.FAILED, "2026-11-20T22:00:00Z");
    run(NIGHTLY, JobResult.FAILED, "2026-11-21T01:00:00Z");
    run(NIGHTLY, JobResult.WARNING, "2026-11-21T22:00:00Z");
    run(NIGHTLY, JobResult.SUCCESS, "2026-11-22T05:00:00Z"); // 06:00 Berlin: the next night
    assertThat(results(nights(HistoryScope.tenant("acme"), "2026-11-19", "2026-11-22"), NIGHTLY))
        .containsExactly(NightResult.SUCCESS, NightResult.FAILED, NightResult.WARNING, NightResult.SUCCESS);
  }

  @Test
  void weeklyJobIsNotScheduledOnItsOffDaysAndMissedWhenItsSaturdayPasses() throws Exception {
    // Saturday 01:00-05:00 Berlin lies in the night that starts on Friday 06:00.
    run(WEEKLY, JobResult.SUCCESS, "2026-11-14T02:00:00Z", null, SATURDAYS);
    run(WEEKLY, JobResult.SUCCESS, "2026-11-21T02:00:00Z", null, SATURDAYS);
    Nights nights = nights(HistoryScope.tenant("acme"), "2026-11-13", "2026-11-29");
    List<NightResult> results = results(nights, WEEKLY);
    assertThat(results.get(0)).isEqualTo(NightResult.SUCCESS); // Fri 13th
    assertThat(results.subList(1, 7)).containsOnly(NightResult.NOT_SCHEDULED);
    assertThat(results.get(7)).isEqualTo(NightResult.SUCCESS); // Fri 20th
    assertThat(results.subList(8, 14)).containsOnly(NightResult.NOT_SCHEDULED);
    assertThat(results.get(14)).as("Fri 27th: Saturday 28th passed without a run").isEqualTo(NightResult.MISSED);
    assertThat(results.subList(15, 17)).containsOnly(NightResult.NOT_SCHEDULED);
    assertThat(nights.jobs().get(0).rate()).isEqualTo(new SuccessRate(2, 3));
  }

  @Test
  void anExpectedRunBeforeItsDeadlineIsPending() throws Exception {
    run(WEEKLY, JobResult.SUCCESS, "2026-11-21T02:00:00Z", null, SATURDAYS);
    clock.set(Instant.parse("2026-11-28T05:00:00Z"));
    assertThat(results(nights(HistoryScope.tenant("acme"), "2026-11-27", "2026-11-27"), WEEKLY)).containsExactly(NightResult.PENDING);
    clock.set(Instant.parse("2026-11-28T05:00:01Z"));
    assertThat(results(nights(HistoryScope.tenant("acme"), "2026-11-27", "2026-11-27"), WEEKLY)).containsExactly(NightResult.MISSED);
  }

  @Test
  void nightsFollowTheWallClockAcrossSpringForward() throws Exception {
    // 2026-03-29 Berlin: 02:00 CET becomes 03:00 CEST, so that night's 06:00 is 04:00 UTC (05:00 UTC the day before).
    run(NIGHTLY, JobResult.SUCCESS, "2026-03-28T04:30:00Z"); // 05:30 CET: night of the 27th
    run(NIGHTLY, JobResult.FAILED, "2026-03-29T03:30:00Z"); // 05:30 CEST: night of the 28th
    run(NIGHTLY, JobResult.WARNING, "2026-03-29T04:30:00Z"); // 06:30 CEST: night of the 29th
    clock.set(Instant.parse("2026-04-01T12:00:00Z"));
    assertThat(results(nights(HistoryScope.tenant("acme"), "2026-03-27", "2026-03-29"), NIGHTLY))
        .containsExactly(NightResult.SUCCESS, NightResult.FAILED, NightResult.WARNING);
  }

  @Test
  void nightsFollowTheWallClockAcrossFallBack() throws Exception {
    // 2026-10-25 Berlin: 03:00 CEST becomes 02:00 CET, so that night's 06:00 is 05:00 UTC (04:00 UTC the day before).
    run(NIGHTLY, JobResult.SUCCESS, "2026-10-24T03:30:00Z"); // 05:30 CEST: night of the 23rd
    run(NIGHTLY, JobResult.FAILED, "2026-10-25T04:30:00Z"); // 05:30 CET: night of the 24th
    run(NIGHTLY, JobResult.WARNING, "2026-10-25T05:30:00Z"); // 06:30 CET: night of the 25th
    clock.set(Instant.parse("2026-10-28T12:00:00Z"));
    assertThat(results(nights(HistoryScope.tenant("acme"), "2026-10-23", "2026-10-25"), NIGHTLY))
        .containsExactly(NightResult.SUCCESS, NightResult.FAILED, NightResult.WARNING);
  }

  @Test
  void anUnscheduledJobMissesANightOnlyWhenItsGraceHasPassedByTheNightsEnd() throws Exception {
    run(NIGHTLY, JobResult.SUCCESS, "2026-11-24T23:00:00Z"); // night of the 24th
    run(NIGHTLY, JobResult.SUCCESS, "2026-11-26T23:00:00Z"); // night of the 26th: the 25th had none
    JobKey monthly = new JobKey("acme", "Dental", "fs01", "monthly");
    run(monthly, JobResult.SUCCESS, "2026-11-24T23:00:00Z", Duration.ofDays(8), null);
    clock.set(Instant.parse("2026-11-27T12:00:00Z"));
    Nights nights = nights(HistoryScope.tenant("acme"), "2026-11-23", "2026-11-27");
    assertThat(results(nights, NIGHTLY)).as("23rd: before its first run; 27th: not over yet").containsExactly(
        NightResult.NOT_SCHEDULED, NightResult.SUCCESS, NightResult.MISSED, NightResult.SUCCESS, NightResult.PENDING);
    assertThat(results(nights, monthly)).containsExactly(NightResult.NOT_SCHEDULED, NightResult.SUCCESS, NightResult.NOT_SCHEDULED,
        NightResult.NOT_SCHEDULED, NightResult.PENDING);
  }

  @Test
  void successRatesAddUpPerJobDeviceCustomerAndTenant() throws Exception {
    run(NIGHTLY, JobResult.SUCCESS, "2026-11-20T01:00:00Z");
    run(NIGHTLY, JobResult.FAILED, "2026-11-21T01:00:00Z");
    run(WEEKLY, JobResult.SUCCESS, "2026-11-21T02:00:00Z", null, SATURDAYS);
    run(OTHER, JobResult.SUCCESS, "2026-11-20T01:00:00Z");
    run(OTHER, JobResult.SUCCESS, "2026-11-21T01:00:00Z");
    clock.set(Instant.parse("2026-11-21T12:00:00Z"));
    Nights nights = nights(HistoryScope.tenant("acme"), "2026-11-19", "2026-11-20");
    assertThat(nights.jobs()).extracting(JobNights::job).containsExactly(OTHER, NIGHTLY, WEEKLY);
    assertThat(nights.jobs()).extracting(JobNights::rate)
        .containsExactly(new SuccessRate(2, 2), new SuccessRate(1, 2), new SuccessRate(1, 1));
    assertThat(nights.deviceRates()).containsExactly(Map.entry(OTHER.deviceKey(), new SuccessRate(2, 2)),
        Map.entry(new DeviceKey("acme", "Dental", "fs01"), new SuccessRate(2, 3)));
    assertThat(nights.customerRates()).containsExactly(Map.entry("Bakery", new SuccessRate(2, 2)), Map.entry("Dental", new SuccessRate(2, 3)));
    assertThat(nights.rate()).isEqualTo(new SuccessRate(4, 5));
    assertThat(nights.rate().rate()).isEqualTo(0.8);
    assertThat(nights(HistoryScope.customer("acme", "Bakery"), "2026-11-19", "2026-11-20").jobs()).extracting(JobNights::job)
        .containsExactly(OTHER);
  }

  @Test
  void aPageOfCustomersGetsEachCustomersNightsAsItsOwnScopeWould() throws Exception {
    run(NIGHTLY, JobResult.SUCCESS, "2026-11-19T22:00:00Z");
    run(WEEKLY, JobResult.WARNING, "2026-11-20T22:00:00Z");
    run(OTHER, JobResult.FAILED, "2026-11-19T23:00:00Z");
    Map<String, Nights> page = history().nightsOfCustomers("acme", List.of("Dental", "Bakery", "Nobody"), LocalDate.parse("2026-11-19"),
        LocalDate.parse("2026-11-21"));
    assertThat(page.keySet()).containsExactly("Dental", "Bakery", "Nobody");
    for (String customer : List.of("Dental", "Bakery")) {
      assertThat(page.get(customer)).as(customer)
          .isEqualTo(nights(HistoryScope.customer("acme", customer), "2026-11-19", "2026-11-21"));
    }
    assertThat(results(page.get("Bakery"), OTHER)).startsWith(NightResult.FAILED);
    assertThat(page.get("Nobody").jobs()).isEmpty();
  }

  @Test
  void aRangeIsOneToMaxNights() {
    assertThatThrownBy(() -> nights(HistoryScope.tenant("acme"), "2026-11-20", "2026-11-19")).isInstanceOf(TooManyNights.class);
    assertThatThrownBy(() -> nights(HistoryScope.tenant("acme"), "2025-11-20", "2026-11-21")).isInstanceOf(TooManyNights.class);
  }

  @Test
  void aQuestionBeyondTheJobNightsBoundIsRefusedBeforeAnyRunIsRead() throws Exception {
    for (int i = 0; i < 1100; i++) {
      run(new JobKey("acme", "Dental", "fs" + i, "nightly"), JobResult.SUCCESS, "2026-11-20T01:00:00Z");
    }
    assertThat(nights(HistoryScope.tenant("acme"), "2026-01-01", "2026-11-29").jobs()).as("1100 jobs x 333 nights").hasSize(1100);
    assertThatThrownBy(() -> nights(HistoryScope.tenant("acme"), "2025-12-01", "2026-11-30")).isInstanceOf(TooManyNights.class)
        .hasMessage("1100 jobs over 365 nights is more than 400000 job-nights at once; ask for one customer or fewer nights");
    assertThat(logReads).as("runs read: the refused question read none").isEqualTo(1);
  }
}
