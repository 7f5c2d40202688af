package io.vigil.config;

import io.vigil.model.ScheduleSpec;

/**
 * A schedule for the jobs of one customer ({@code customer}, exact), of a job name pattern ({@code job}: {@code *} any
 * characters, {@code ?} one), or both.
 */
public record ScheduleRule(String customer, String job, ScheduleSpec schedule) {
  boolean matches(String jobCustomer, String jobName) {
    return (customer == null || customer.equals(jobCustomer)) && (job == null || Glob.matches(job, jobName));
  }

  /** Customer and pattern beat a pattern, which beats a customer. */
  int specificity() {
    return (job != null ? 2 : 0) + (customer != null ? 1 : 0);
  }
}
