package io.vigil.report;

import io.vigil.model.Outage;
import io.vigil.model.StatusRules;
import io.vigil.view.DeviceView;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A site server's heartbeat availability over a period: the time it was known in the period (from its first heartbeat or
 * the period's start, to the period's end or now) and the time of that it was unavailable, from the stored outages and the
 * one going on now ({@link StatusRules}), each clipped to the period.
 */
record HeartbeatAvailability(Duration known, Duration down, List<MonthlyReport.Downtime> outages) {
  static final HeartbeatAvailability NONE = new HeartbeatAvailability(Duration.ZERO, Duration.ZERO, List.of());

  /**
   * Where a month starts in the tenant's time zone (and the one before it ends): so a month with a change of the clocks
   * has an hour more or less.
   */
  static Instant monthStart(YearMonth month, ZoneId zone) {
    return month.atDay(1).atStartOfDay(zone).toInstant();
  }

  /** {@code device} as it is at {@code now}; {@code stored} its outages that overlap [from, to). */
  static HeartbeatAvailability of(DeviceView device, List<Outage> stored, Instant from, Instant to, Instant now) {
    if (!device.heartbeating()) {
      return NONE;
    }
    Instant first = device.state().firstHeartbeat();
    Instant start = first != null && first.isAfter(from) ? first : from;
    Instant end = now.isBefore(to) ? now : to;
    if (!end.isAfter(start)) {
      return NONE;
    }
    List<Outage> all = new ArrayList<>(stored);
    Outage current = device.up() ? null
        : new Outage(device.key(), StatusRules.upUntil(device.state().lastHeartbeat(), device.interval()), now);
    if (current != null) {
      all.add(current);
    }
    all.sort(Comparator.comparing(Outage::from));
    List<MonthlyReport.Downtime> outages = new ArrayList<>();
    Duration down = Duration.ZERO;
    Instant counted = start;
    for (Outage outage : all) {
      Instant since = outage.from().isAfter(counted) ? outage.from() : counted;
      Instant until = outage.to().isBefore(end) ? outage.to() : end;
      if (until.isAfter(since)) {
        // Outages of one device do not overlap; "counted" only guards the sum if they ever did.
        down = down.plus(Duration.between(since, until));
        counted = until;
        outages.add(new MonthlyReport.Downtime(since, until, outage == current));
      }
    }
    return new HeartbeatAvailability(Duration.between(start, end), down, List.copyOf(outages));
  }

  /** Available time over known time, or null when the device was not known in the period. */
  Double ratio() {
    return ratio(known, down);
  }

  static Double ratio(Duration known, Duration down) {
    return known.isZero() ? null : 1 - (double) down.toMillis() / known.toMillis();
  }
}
