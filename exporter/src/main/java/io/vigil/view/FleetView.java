package io.vigil.view;

import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.JobKey;
import io.vigil.model.JobState;
import io.vigil.model.Schedule;
import io.vigil.model.StatusRules;
import io.vigil.state.Fleet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fleet as every output reads it at one moment: the tenants (all, or one), and their jobs and devices
 * with the grace or heartbeat interval that applies to each and the status {@link StatusRules} derive from it:
 * outputs read status here and derive none themselves. Tenants are in account order; jobs and devices in
 * the order of their label values (job, customer, device, tenant), which is the order the metrics write them.
 */
public record FleetView(Instant at, List<TenantView> tenants, List<JobView> jobs, List<DeviceView> devices) {
  /** Job name, customer, device, tenant: the metrics' label order (label names sorted). */
  private static final Comparator<JobState> JOB_ORDER = (a, b) -> {
    JobKey x = a.key();
    JobKey y = b.key();
    int c = x.job().compareTo(y.job());
    c = c != 0 ? c : x.customer().compareTo(y.customer());
    c = c != 0 ? c : x.device().compareTo(y.device());
    return c != 0 ? c : x.tenant().compareTo(y.tenant());
  };
  /** Customer, device, tenant. */
  private static final Comparator<DeviceState> DEVICE_ORDER = (a, b) -> {
    DeviceKey x = a.key();
    DeviceKey y = b.key();
    int c = x.customer().compareTo(y.customer());
    c = c != 0 ? c : x.device().compareTo(y.device());
    return c != 0 ? c : x.tenant().compareTo(y.tenant());
  };

  /**
   * {@code onlyTenant} null: every tenant that is configured or has jobs or devices; else that one tenant
   * (configured or not: an unconfigured one has its account as name and the default settings).
   */
  public static FleetView of(Fleet fleet, VigilConfig cfg, String onlyTenant, Instant now) {
    return of(fleet, cfg, new Schedules(), onlyTenant, now);
  }

  /** {@code schedules} resolves each job's schedule, keeping the parsed ones for the next view. */
  public static FleetView of(Fleet fleet, VigilConfig cfg, Schedules schedules, String onlyTenant, Instant now) {
    return of(fleet, cfg, schedules, onlyTenant, null, now);
  }

  /** One customer's jobs and devices: a report of one customer costs that customer's share of its tenant, not all of it. */
  public static FleetView ofCustomer(Fleet fleet, VigilConfig cfg, String tenant, String customer, Instant now) {
    return of(fleet, cfg, new Schedules(), tenant, customer, now);
  }

  private static FleetView of(Fleet fleet, VigilConfig cfg, Schedules schedules, String onlyTenant, String onlyCustomer, Instant now) {
    Set<String> accounts = new TreeSet<>();
    if (onlyTenant != null) {
      accounts.add(onlyTenant);
    } else {
      accounts.addAll(fleet.tenants());
      cfg.tenants().forEach(t -> accounts.add(t.account()));
    }
    List<TenantView> tenants = new ArrayList<>(accounts.size());
    Map<String, TenantView> byAccount = new HashMap<>();
    Map<String, TenantConfig> configured = new HashMap<>();
    List<JobState> jobStates = new ArrayList<>();
    List<DeviceState> deviceStates = new ArrayList<>();
    for (String account : accounts) {
      TenantView tenant = new TenantView(account, cfg.tenant(account).map(TenantConfig::name).orElse(account), cfg.graceFor(account),
          cfg.heartbeatIntervalFor(account));
      cfg.tenant(account).ifPresent(t -> configured.put(account, t));
      tenants.add(tenant);
      byAccount.put(account, tenant);
      if (onlyCustomer == null) {
        jobStates.addAll(fleet.jobs(account));
        deviceStates.addAll(fleet.devices(account));
      } else {
        jobStates.addAll(fleet.jobs(account, onlyCustomer));
        deviceStates.addAll(fleet.devices(account, onlyCustomer));
      }
    }
    jobStates.sort(JOB_ORDER);
    deviceStates.sort(DEVICE_ORDER);
    List<JobView> jobs = new ArrayList<>(jobStates.size());
    for (JobState job : jobStates) {
      Schedule schedule = schedules.of(job.key(), job.schedule(), configured.get(job.key().tenant()));
      jobs.add(schedule != null ? scheduled(job, schedule, now)
          : job(job, job.grace() != null ? job.grace() : byAccount.get(job.key().tenant()).grace(), now));
    }
    List<DeviceView> devices = new ArrayList<>(deviceStates.size());
    for (DeviceState device : deviceStates) {
      devices.add(device(device, device.interval() != null ? device.interval() : byAccount.get(device.key().tenant()).heartbeatInterval(),
          now));
    }
    return new FleetView(now, Collections.unmodifiableList(tenants), Collections.unmodifiableList(jobs),
        Collections.unmodifiableList(devices));
  }

  private static JobView job(JobState job, Duration grace, Instant now) {
    return new JobView(job, grace, StatusRules.jobStatus(job, grace, now), StatusRules.age(StatusRules.successReference(job), now),
        null, null, 0);
  }

  /** A scheduled job: its grace is the schedule's, counted from the end of each expected run's window. */
  private static JobView scheduled(JobState job, Schedule schedule, Instant now) {
    return new JobView(job, schedule.grace(), StatusRules.jobStatus(job, schedule, now),
        StatusRules.age(StatusRules.successReference(job), now), schedule, schedule.nextStart(now), StatusRules.missedRuns(job, schedule, now));
  }

  private static DeviceView device(DeviceState device, Duration interval, Instant now) {
    if (device.lastHeartbeat() == null) {
      return new DeviceView(device, interval, null, false);
    }
    return new DeviceView(device, interval, StatusRules.age(device.lastHeartbeat(), now),
        StatusRules.deviceUp(device.lastHeartbeat(), interval, now));
  }
}
