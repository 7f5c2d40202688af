package io.vigil.history;

import io.vigil.model.DeviceKey;
import io.vigil.model.RollUp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * The nights [{@code from}, {@code to}] of a scope's jobs (in order of customer, device, job), cut in {@code zone} at
 * {@code dayStart} and rolled up by {@code rollUp}, with the success rates per job, device, customer and tenant: a
 * group's rate is its jobs' successful days over their expected days.
 */
public record Nights(LocalDate from, LocalDate to, ZoneId zone, LocalTime dayStart, RollUp rollUp, List<JobNights> jobs) {
  public Nights {
    jobs = List.copyOf(jobs);
  }

  /** Per device (customer, device order). */
  public Map<DeviceKey, SuccessRate> deviceRates() {
    return rates(j -> j.job().deviceKey());
  }

  /** Per customer (name order). */
  public Map<String, SuccessRate> customerRates() {
    return rates(j -> j.job().customer());
  }

  /** Over every job of the scope. */
  public SuccessRate rate() {
    return jobs.stream().map(JobNights::rate).reduce(SuccessRate.NONE, SuccessRate::plus);
  }

  /** In the jobs' order, which is the groups' order. */
  private <K> Map<K, SuccessRate> rates(Function<JobNights, K> group) {
    Map<K, SuccessRate> rates = new LinkedHashMap<>();
    jobs.forEach(j -> rates.merge(group.apply(j), j.rate(), SuccessRate::plus));
    return rates;
  }
}
