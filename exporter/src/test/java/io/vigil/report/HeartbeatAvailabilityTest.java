package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.Heartbeat;
import io.vigil.model.Outage;
import io.vigil.model.StatusRules;
import io.vigil.view.DeviceView;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A site server's availability in a month of its tenant's time zone, from its stored outages and its state now. */
class HeartbeatAvailabilityTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final DeviceKey NVR01 = new DeviceKey("acme", "Dental", "nvr01");
  static final Duration INTERVAL = Duration.ofSeconds(30);

  static Instant start(YearMonth month) {
    return HeartbeatAvailability.monthStart(month, BERLIN);
  }

  static Instant end(YearMonth month) {
    return start(month.plusMonths(1));
  }

  /** A device that sent its first heartbeat at {@code first} and its newest at {@code last}, as it is at {@code now}. */
  static DeviceView device(Instant first, Instant last, Instant now) {
    DeviceState state = DeviceState.empty(NVR01, first).apply(new Heartbeat(NVR01, first, INTERVAL, "Rec", "1"), first)
        .apply(new Heartbeat(NVR01, last, INTERVAL, "Rec", "1"), last);
    return new DeviceView(state, INTERVAL, StatusRules.age(last, now), StatusRules.deviceUp(last, INTERVAL, now));
  }

  static Outage outage(String from, String to) {
    return new Outage(NVR01, Instant.parse(from), Instant.parse(to));
  }

  @Test
  void outagesAcrossTheMonthsStartAndEndCountOnlyWithinTheMonthOfTheTenantsTimeZone() {
    YearMonth november = YearMonth.of(2026, 11);
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    // November in Berlin: 2026-10-31T23:00Z to 2026-11-30T23:00Z, 720 hours.
    List<Outage> stored = List.of(outage("2026-10-31T22:00:00Z", "2026-11-01T00:00:00Z"),
        outage("2026-11-30T22:30:00Z", "2026-12-01T01:00:00Z"));
    HeartbeatAvailability a = HeartbeatAvailability.of(device(Instant.parse("2026-10-01T00:00:00Z"), now, now), stored,
        start(november), end(november), now);
    assertThat(a.known()).isEqualTo(Duration.ofHours(720));
    assertThat(a.down()).as("1 h after the start, 30 min before the end").isEqualTo(Duration.ofMinutes(90));
    assertThat(a.outages()).extracting(MonthlyReport.Downtime::from, MonthlyReport.Downtime::to)
        .containsExactly(tuple(Instant.parse("2026-10-31T23:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")),
            tuple(Instant.parse("2026-11-30T22:30:00Z"), Instant.parse("2026-11-30T23:00:00Z")));
    assertThat(a.ratio()).isCloseTo(1 - 1.5 / 720, within(1e-12));
  }

  @Test
  void aMonthWithTheChangeToSummerTimeHasAnHourLess() {
    YearMonth march = YearMonth.of(2026, 3);
    Instant now = Instant.parse("2026-04-05T10:00:00Z");
    // 743 hours in Berlin's March 2026 (clocks go forward on the 29th): 7.43 hours down is exactly 1 %.
    Instant from = Instant.parse("2026-03-10T00:00:00Z");
    List<Outage> stored = List.of(new Outage(NVR01, from, from.plusSeconds(26_748)));
    HeartbeatAvailability a = HeartbeatAvailability.of(device(Instant.parse("2026-02-01T00:00:00Z"), now, now), stored,
        start(march), end(march), now);
    assertThat(a.known()).isEqualTo(Duration.ofHours(743));
    assertThat(a.ratio()).isCloseTo(0.99, within(1e-12));
  }

  @Test
  void anOutageGoingOnAtReportTimeCountsUpToNowFromTheEndOfTheThirdMissedInterval() {
    YearMonth november = YearMonth.of(2026, 11);
    Instant first = Instant.parse("2026-11-30T06:00:00Z");
    Instant last = Instant.parse("2026-11-30T10:00:00Z");
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    HeartbeatAvailability a = HeartbeatAvailability.of(device(first, last, now), List.of(), start(november), end(november), now);
    assertThat(a.known()).as("from its first heartbeat to now").isEqualTo(Duration.ofHours(6));
    assertThat(a.outages()).containsExactly(new MonthlyReport.Downtime(last.plus(INTERVAL.multipliedBy(3)), now, true));
    assertThat(a.down()).isEqualTo(Duration.ofMinutes(118).plusSeconds(30));
  }

  @Test
  void aDeviceUpAtReportTimeHasNoOngoingOutage() {
    YearMonth november = YearMonth.of(2026, 11);
    Instant last = Instant.parse("2026-11-30T10:00:00Z");
    Instant now = last.plus(INTERVAL.multipliedBy(3));
    HeartbeatAvailability a = HeartbeatAvailability.of(device(Instant.parse("2026-11-30T06:00:00Z"), last, now), List.of(),
        start(november), end(november), now);
    assertThat(a.outages()).isEmpty();
    assertThat(a.ratio()).isEqualTo(1.0);
  }

  @Test
  void aDeviceNotKnownInTheMonthHasNoFigure() {
    YearMonth november = YearMonth.of(2026, 11);
    Instant now = Instant.parse("2026-12-10T10:00:00Z");
    assertThat(HeartbeatAvailability.of(device(Instant.parse("2026-12-05T00:00:00Z"), now, now), List.of(), start(november),
        end(november), now).ratio()).as("first heartbeat after the month").isNull();
    assertThat(HeartbeatAvailability.of(device(Instant.parse("2026-12-05T00:00:00Z"), now, now), List.of(),
        start(YearMonth.of(2027, 1)), end(YearMonth.of(2027, 1)), now).ratio()).as("a month to come").isNull();
    DeviceView eventsOnly = new DeviceView(DeviceState.empty(NVR01, now), INTERVAL, null, false);
    assertThat(HeartbeatAvailability.of(eventsOnly, List.of(), start(november), end(november), now).ratio()).isNull();
  }
}
