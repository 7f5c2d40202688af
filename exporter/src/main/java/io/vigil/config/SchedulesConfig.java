package io.vigil.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.model.ScheduleSpec;
import java.util.Comparator;
import java.util.List;

/**
 * A tenant's job schedules: {@code default} for all its jobs (may be null: no schedule, the grace rule applies) and
 * {@code rules} for customers and job name patterns. A job's own schedule (in its report) beats them all; among the
 * rules the most specific matching one wins ({@link ScheduleRule#specificity}), the first listed among equals.
 */
public record SchedulesConfig(@JsonProperty("default") ScheduleSpec tenantDefault, List<ScheduleRule> rules) {
  public SchedulesConfig {
    rules = rules != null ? List.copyOf(rules) : List.of();
  }

  public static SchedulesConfig none() {
    return new SchedulesConfig(null, null);
  }

  /** The configured schedule of a job, or null. */
  public ScheduleSpec scheduleFor(String customer, String job) {
    return rules.stream().filter(r -> r.matches(customer, job))
        .max(Comparator.comparingInt(ScheduleRule::specificity).thenComparing(r -> -rules.indexOf(r)))
        .map(ScheduleRule::schedule)
        .orElse(tenantDefault);
  }
}
