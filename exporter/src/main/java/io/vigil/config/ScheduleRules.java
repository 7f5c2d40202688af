package io.vigil.config;

import io.vigil.model.ScheduleSpec;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The rules for a tenant's {@code time_zone}, {@code history} and {@code schedules}, checked on load. */
final class ScheduleRules {
  private ScheduleRules() {}

  static void check(String at, TenantConfig tenant, List<String> problems) {
    try {
      ZoneId.of(tenant.timeZone());
    } catch (DateTimeException e) {
      problems.add(at + ".time_zone: is not a known time zone ('" + tenant.timeZone() + "'); use a tz database name such as Europe/Berlin");
    }
    String dayStart = tenant.history().dayStart();
    if (!dayStart.matches("\\d\\d:\\d\\d") || !parses(dayStart)) {
      problems.add(at + ".history.day_start: must be a time of day HH:MM, got '" + dayStart + "'");
    }
    SchedulesConfig schedules = tenant.schedules();
    if (schedules.tenantDefault() != null) {
      check(at + ".schedules.default", schedules.tenantDefault(), problems);
    }
    for (int i = 0; i < schedules.rules().size(); i++) {
      ScheduleRule rule = schedules.rules().get(i);
      String here = at + ".schedules.rules[" + i + "]";
      if (rule.customer() == null && rule.job() == null) {
        problems.add(here + ": give customer, job (a name pattern) or both");
      }
      if (rule.schedule() == null) {
        problems.add(here + ".schedule: is required");
      } else {
        check(here + ".schedule", rule.schedule(), problems);
      }
    }
  }

  private static void check(String at, ScheduleSpec schedule, List<String> problems) {
    schedule.check((key, reason) -> problems.add(at + "." + key + ": " + reason));
  }

  private static boolean parses(String time) {
    try {
      LocalTime.parse(time);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
