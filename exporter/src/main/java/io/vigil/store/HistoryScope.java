package io.vigil.store;

import io.vigil.model.DeviceKey;
import io.vigil.model.JobKey;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Which part of a tenant's history to read: the whole tenant, one customer, one device or one job. Each level is
 * set only when the one above it is; names match exactly, as stored.
 */
public record HistoryScope(String tenant, String customer, String device, String job) {
  public HistoryScope {
    Objects.requireNonNull(tenant, "tenant");
    if (customer == null && device != null || device == null && job != null) {
      throw new IllegalArgumentException("a scope narrows tenant > customer > device > job without skipping a level");
    }
  }

  public static HistoryScope tenant(String tenant) {
    return new HistoryScope(tenant, null, null, null);
  }

  public static HistoryScope customer(String tenant, String customer) {
    return new HistoryScope(tenant, Objects.requireNonNull(customer, "customer"), null, null);
  }

  public static HistoryScope device(DeviceKey key) {
    return new HistoryScope(key.tenant(), key.customer(), key.device(), null);
  }

  public static HistoryScope job(JobKey key) {
    return new HistoryScope(key.tenant(), key.customer(), key.device(), key.job());
  }

  /** The names the scope fixes, tenant first: one (a tenant) to four (a job). */
  public List<String> levels() {
    return Stream.of(tenant, customer, device, job).takeWhile(Objects::nonNull).toList();
  }
}
