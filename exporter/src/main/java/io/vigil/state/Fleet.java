package io.vigil.state;

import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.JobKey;
import io.vigil.model.JobState;
import io.vigil.store.Snapshot;
import io.vigil.store.StateChange;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current state of every job and device, per tenant and customer, as last committed to the store. Only the
 * {@link Recorder}'s writer thread changes it; scrapes read it concurrently.
 */
public final class Fleet {
  private final Map<String, ByCustomer<JobKey, JobState>> jobs = new ConcurrentHashMap<>();
  private final Map<String, ByCustomer<DeviceKey, DeviceState>> devices = new ConcurrentHashMap<>();
  /** The number of the last change of a store shared by replicas that this state holds; 0 with one writer. */
  private volatile long sequence;

  public static Fleet of(Snapshot snapshot) {
    Fleet fleet = new Fleet();
    snapshot.jobs().forEach(fleet::put);
    snapshot.devices().forEach(fleet::put);
    fleet.sequence = snapshot.sequence();
    return fleet;
  }

  long sequence() {
    return sequence;
  }

  /** Applies what other replicas committed: each change is the newest state of its job or device. */
  void follow(List<StateChange> changes) {
    for (StateChange change : changes) {
      if (change instanceof StateChange.Job job) {
        if (job.state() == null) {
          remove(job.key());
        } else {
          put(job.state());
        }
      } else if (change instanceof StateChange.Device device) {
        if (device.state() == null) {
          remove(device.key());
        } else {
          put(device.state());
        }
      }
    }
  }

  /** After a commit: the state now holds every change up to this number. */
  void advanceTo(long newSequence) {
    sequence = newSequence;
  }

  public Set<String> tenants() {
    Set<String> tenants = new TreeSet<>(jobs.keySet());
    tenants.addAll(devices.keySet());
    return tenants;
  }

  public Collection<JobState> jobs(String tenant) {
    ByCustomer<JobKey, JobState> of = jobs.get(tenant);
    return of == null ? List.of() : of.all();
  }

  public Collection<DeviceState> devices(String tenant) {
    ByCustomer<DeviceKey, DeviceState> of = devices.get(tenant);
    return of == null ? List.of() : of.all();
  }

  /** One customer's jobs, found without a pass over its tenant's. */
  public Collection<JobState> jobs(String tenant, String customer) {
    ByCustomer<JobKey, JobState> of = jobs.get(tenant);
    return of == null ? List.of() : of.of(customer);
  }

  /** One customer's devices, found without a pass over its tenant's. */
  public Collection<DeviceState> devices(String tenant, String customer) {
    ByCustomer<DeviceKey, DeviceState> of = devices.get(tenant);
    return of == null ? List.of() : of.of(customer);
  }

  public JobState job(JobKey key) {
    ByCustomer<JobKey, JobState> of = jobs.get(key.tenant());
    return of == null ? null : of.get(key.customer(), key);
  }

  public DeviceState device(DeviceKey key) {
    ByCustomer<DeviceKey, DeviceState> of = devices.get(key.tenant());
    return of == null ? null : of.get(key.customer(), key);
  }

  /** Jobs of one device, for retiring a device with everything on it. */
  public List<JobKey> jobsOf(DeviceKey device) {
    return jobs(device.tenant(), device.customer()).stream().map(JobState::key).filter(k -> k.deviceKey().equals(device)).toList();
  }

  void put(JobState job) {
    jobs.computeIfAbsent(job.key().tenant(), t -> new ByCustomer<>()).put(job.key().customer(), job.key(), job);
  }

  void put(DeviceState device) {
    devices.computeIfAbsent(device.key().tenant(), t -> new ByCustomer<>()).put(device.key().customer(), device.key(), device);
  }

  void remove(JobKey key) {
    ByCustomer<JobKey, JobState> of = jobs.get(key.tenant());
    if (of != null) {
      of.remove(key.customer(), key);
    }
  }

  void remove(DeviceKey key) {
    ByCustomer<DeviceKey, DeviceState> of = devices.get(key.tenant());
    if (of != null) {
      of.remove(key.customer(), key);
    }
  }
}
