package io.vigil.state;

import io.vigil.config.EntityLimits;
import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.EntityKind;
import io.vigil.model.ErrorEvent;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobKey;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.model.Outage;
import io.vigil.model.Report;
import io.vigil.model.StatusRules;
import io.vigil.model.UnparsedMail;
import io.vigil.poll.PolledConnector;
import io.vigil.store.StoreException;
import io.vigil.store.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The state changes of one group commit: reads see the fleet plus what this group already changed;
 * writes go to the transaction at once and reach the fleet only after the commit.
 */
final class Changes {
  private final Fleet fleet;
  private final Transaction tx;
  /** Per tenant, the heartbeat interval of a device that declares none. */
  private final Function<String, Duration> intervals;
  private final Map<JobKey, Optional<JobState>> jobs = new HashMap<>();
  private final Map<DeviceKey, Optional<DeviceState>> devices = new HashMap<>();
  /** Per tenant, jobs and devices this group added minus those it removed. */
  private final Map<String, Integer> addedJobs = new HashMap<>();
  private final Map<String, Integer> addedDevices = new HashMap<>();

  Changes(Fleet fleet, Transaction tx, Function<String, Duration> intervals) {
    this.fleet = fleet;
    this.tx = tx;
    this.intervals = intervals;
  }

  /** The group's transaction, for writes that do not change the fleet. */
  Transaction transaction() {
    return tx;
  }

  /** Keeps a mail no parser understood (nothing in the fleet changes); false when it is kept already. */
  boolean keepUnparsed(UnparsedMail mail, int keep) throws StoreException {
    return tx.insertUnparsed(mail, keep);
  }

  /** Applies one report and writes it to the transaction; false when it is a job run already stored (an idempotent re-send). */
  boolean apply(Report report, Instant receivedAt) throws StoreException {
    return report.accept(new Report.Visitor<Boolean, StoreException>() {
      @Override
      public Boolean jobRun(JobRun run) throws StoreException {
        if (!tx.insertRun(run, receivedAt)) {
          return false;
        }
        JobState current = job(run.key());
        putJob(current == null ? JobState.first(run, receivedAt) : current.apply(run, receivedAt, tx::failedRunsAfter));
        return true;
      }

      @Override
      public Boolean heartbeat(Heartbeat heartbeat) throws StoreException {
        DeviceState current = deviceOrEmpty(heartbeat.key(), receivedAt);
        if (current.lastHeartbeat() != null) {
          // Judged as the device's status was then: by the interval that applied before this heartbeat.
          Duration interval = current.interval() != null ? current.interval() : intervals.apply(heartbeat.key().tenant());
          Outage outage = StatusRules.outageEndedBy(heartbeat.key(), current.lastHeartbeat(), interval, heartbeat.at());
          if (outage != null) {
            tx.insertOutage(outage);
          }
        }
        putDevice(current.apply(heartbeat, receivedAt));
        return true;
      }

      @Override
      public Boolean errorEvent(ErrorEvent event) throws StoreException {
        tx.insertEvent(event, receivedAt);
        putDevice(deviceOrEmpty(event.key(), receivedAt).apply(event, receivedAt));
        return true;
      }
    });
  }

  /**
   * The first entity limit the reports would break by creating jobs or devices their tenant does not have
   * yet, or null. Reports for existing entities never break one.
   */
  LimitExceeded overLimit(List<? extends Report> reports, Function<String, EntityLimits> limits) {
    if (roomForAllNew(reports, limits)) {
      return null;
    }
    NewEntities adding = new NewEntities();
    reports.forEach(report -> report.accept(adding));
    LimitExceeded jobs = firstOver(EntityKind.JOB, adding.jobs, t -> fleet.jobs(t).size() + addedJobs.getOrDefault(t, 0), limits);
    return jobs != null ? jobs
        : firstOver(EntityKind.DEVICE, adding.devices, t -> fleet.devices(t).size() + addedDevices.getOrDefault(t, 0), limits);
  }

  /**
   * True when the reports, all of one tenant (as a push's are), could not break a limit even if each of them created a
   * job and a device: the common case, answered without looking up every report's job or device.
   */
  private boolean roomForAllNew(List<? extends Report> reports, Function<String, EntityLimits> limits) {
    if (reports.isEmpty()) {
      return true;
    }
    String tenant = reports.get(0).tenant();
    for (Report report : reports) {
      if (!report.tenant().equals(tenant)) {
        return false;
      }
    }
    EntityLimits limit = limits.apply(tenant);
    return fleet.jobs(tenant).size() + addedJobs.getOrDefault(tenant, 0) + reports.size() <= limit.of(EntityKind.JOB)
        && fleet.devices(tenant).size() + addedDevices.getOrDefault(tenant, 0) + reports.size() <= limit.of(EntityKind.DEVICE);
  }

  /** Per tenant, the jobs and devices the reports visited would create. */
  private final class NewEntities implements Report.Visitor<Void, RuntimeException> {
    private final Map<String, Set<JobKey>> jobs = new TreeMap<>();
    private final Map<String, Set<DeviceKey>> devices = new TreeMap<>();

    @Override
    public Void jobRun(JobRun run) {
      if (job(run.key()) == null) {
        jobs.computeIfAbsent(run.key().tenant(), t -> new HashSet<>()).add(run.key());
      }
      return null;
    }

    @Override
    public Void heartbeat(Heartbeat heartbeat) {
      return addDevice(heartbeat.key());
    }

    @Override
    public Void errorEvent(ErrorEvent event) {
      return addDevice(event.key());
    }

    private Void addDevice(DeviceKey key) {
      if (device(key) == null) {
        devices.computeIfAbsent(key.tenant(), t -> new HashSet<>()).add(key);
      }
      return null;
    }
  }

  private static LimitExceeded firstOver(EntityKind kind, Map<String, ? extends Set<?>> adding, ToIntFunction<String> current,
      Function<String, EntityLimits> limits) {
    for (Map.Entry<String, ? extends Set<?>> tenant : adding.entrySet()) {
      int now = current.applyAsInt(tenant.getKey());
      int limit = limits.apply(tenant.getKey()).of(kind);
      if (now + tenant.getValue().size() > limit) {
        return new LimitExceeded(tenant.getKey(), kind, limit, now, tenant.getValue().size());
      }
    }
    return null;
  }

  JobState job(JobKey key) {
    Optional<JobState> changed = jobs.get(key);
    return changed != null ? changed.orElse(null) : fleet.job(key);
  }

  DeviceState device(DeviceKey key) {
    Optional<DeviceState> changed = devices.get(key);
    return changed != null ? changed.orElse(null) : fleet.device(key);
  }

  boolean removeJob(JobKey key) throws StoreException {
    if (job(key) == null) {
      return false;
    }
    tx.deleteJob(key);
    jobs.put(key, Optional.empty());
    addedJobs.merge(key.tenant(), -1, Integer::sum);
    return true;
  }

  boolean removeDevice(DeviceKey key) throws StoreException {
    if (device(key) == null) {
      return false;
    }
    tx.deleteDevice(key);
    devices.put(key, Optional.empty());
    addedDevices.merge(key.tenant(), -1, Integer::sum);
    return true;
  }

  void putConnector(PolledConnector polled) throws StoreException {
    tx.putConnector(polled);
  }

  void pruneHistory(Instant cutoff) throws StoreException {
    tx.pruneHistory(cutoff);
  }

  void publish() {
    jobs.forEach((key, state) -> state.ifPresentOrElse(fleet::put, () -> fleet.remove(key)));
    devices.forEach((key, state) -> state.ifPresentOrElse(fleet::put, () -> fleet.remove(key)));
  }

  private DeviceState deviceOrEmpty(DeviceKey key, Instant receivedAt) {
    DeviceState current = device(key);
    return current != null ? current : DeviceState.empty(key, receivedAt);
  }

  private void putJob(JobState job) throws StoreException {
    if (job(job.key()) == null) {
      addedJobs.merge(job.key().tenant(), 1, Integer::sum);
    }
    tx.putJob(job);
    jobs.put(job.key(), Optional.of(job));
  }

  private void putDevice(DeviceState device) throws StoreException {
    if (device(device.key()) == null) {
      addedDevices.merge(device.key().tenant(), 1, Integer::sum);
    }
    tx.putDevice(device);
    devices.put(device.key(), Optional.of(device));
  }
}
