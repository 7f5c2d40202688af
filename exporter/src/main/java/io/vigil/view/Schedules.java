package io.vigil.view;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vigil.config.TenantConfig;
import io.vigil.model.JobKey;
import io.vigil.model.Schedule;
import io.vigil.model.ScheduleSpec;
import java.time.ZoneId;

/**
 * Which schedule applies to a job: the one its reports gave, else its tenant's configuration's
 * ({@link io.vigil.config.SchedulesConfig#scheduleFor}), in the tenant's time zone unless it names its own. Parsed
 * schedules are kept, so a cron expression is not parsed on every scrape; jobs share few distinct specs.
 */
public final class Schedules {
  private static final int KEPT = 10_000;

  private final Cache<Key, Schedule> parsed = Caffeine.newBuilder().maximumSize(KEPT).build();

  private record Key(ScheduleSpec spec, String tenantZone) {}

  /**
   * The job's schedule, or null when it has none. {@code own} is what its reports said (may be null); {@code tenant}
   * is its tenant's configuration (null for a tenant that is not configured: UTC, no schedules).
   */
  public Schedule of(JobKey job, ScheduleSpec own, TenantConfig tenant) {
    ScheduleSpec spec = own != null ? own : tenant != null ? tenant.schedules().scheduleFor(job.customer(), job.job()) : null;
    if (spec == null) {
      return null;
    }
    return parsed.get(new Key(spec, tenant != null ? tenant.timeZone() : "UTC"),
        key -> Schedule.of(key.spec(), ZoneId.of(key.tenantZone())));
  }
}
