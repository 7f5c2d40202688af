package io.vigil.history;

import io.vigil.model.JobKey;
import java.util.List;

/** One job's nights, oldest first, one per day of the range, and its success rate over them. */
public record JobNights(JobKey job, List<Night> nights) {
  public JobNights {
    nights = List.copyOf(nights);
  }

  public SuccessRate rate() {
    long expected = nights.stream().filter(n -> n.result().expected()).count();
    long successful = nights.stream().filter(n -> n.result() == NightResult.SUCCESS).count();
    return new SuccessRate(successful, expected);
  }
}
