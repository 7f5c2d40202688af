package io.vigil.state;

import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.JobKey;
import io.vigil.model.JobState;
import io.vigil.store.Snapshot;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current state of every job and device, per tenant, as last committed to the store. Only the
 * {@link Recorder}'s writer thread changes it; scrapes read it concurrently.
 */
public final class Fleet {
  private final Map<String, Map<JobKey, JobState>> jobs = new ConcurrentHashMap<>();
  private final Map<String, Map<DeviceKey, DeviceState>> devices = new ConcurrentHashMap<>();

  public static Fleet of(Snapshot snapshot) {
    Fleet fleet = new Fleet();
    snapshot.jobs().forEach(fleet::put);
    snapshot.devices().forEach(fleet::put);
    return fleet;
  }

  public Set<String> tenants() {
    Set<String> tenants = new TreeSet<>(jobs.keySet());
    tenants.addAll(devices.keySet());
    return tenants;
  }

  public Collection<JobState> jobs(String tenant) {
    return jobs.getOrDefault(tenant, Map.of()).values();
  }

  public Collection<DeviceState> devices(String tenant) {
    return devices.getOrDefault(tenant, Map.of()).values();
  }

  public JobState job(JobKey key) {
    return jobs.getOrDefault(key.tenant(), Map.of()).get(key);
  }

  public DeviceState device(DeviceKey key) {
    return devices.getOrDefault(key.tenant(), Map.of()).get(key);
  }

  /** Jobs of one device, for retiring a device with everything on it. */
  public List<JobKey> jobsOf(DeviceKey device) {
    return jobs(device.tenant()).stream().map(JobState::key).filter(k -> k.deviceKey().equals(device)).toList();
  }

  void put(JobState job) {
    jobs.computeIfAbsent(job.key().tenant(), t -> new ConcurrentHashMap<>()).put(job.key(), job);
  }

  void put(DeviceState device) {
    devices.computeIfAbsent(device.key().tenant(), t -> new ConcurrentHashMap<>()).put(device.key(), device);
  }

  void remove(JobKey key) {
    Map<JobKey, JobState> ofTenant = jobs.get(key.tenant());
    if (ofTenant != null) {
      ofTenant.remove(key);
    }
  }

  void remove(DeviceKey key) {
    Map<DeviceKey, DeviceState> ofTenant = devices.get(key.tenant());
    if (ofTenant != null) {
      ofTenant.remove(key);
    }
  }
}
