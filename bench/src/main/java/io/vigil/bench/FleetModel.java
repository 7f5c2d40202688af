package io.vigil.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A simulated MSP fleet, fully determined by its sizes: customer {@code c} belongs to tenant
 * {@code c % tenants}, device {@code d} to customer {@code d % customers}, job {@code j} runs on
 * device {@code j % devices}. Every device heartbeats. Connectors and their chains are in {@link ChainModel}.
 */
public record FleetModel(int tenants, int customers, int jobs, int devices) {
  public FleetModel {
    if (tenants < 1 || customers < tenants || devices < customers || jobs < devices) {
      throw new IllegalArgumentException("need 1 <= tenants <= customers <= devices <= jobs, got " + tenants + "/" + customers
          + "/" + devices + "/" + jobs);
    }
  }

  public String tenant(int t) {
    return String.format("t%03d", t);
  }

  public int tenantOfCustomer(int c) {
    return c % tenants;
  }

  public int customerOfDevice(int d) {
    return d % customers;
  }

  public int deviceOfJob(int j) {
    return j % devices;
  }

  public int tenantOfDevice(int d) {
    return tenantOfCustomer(customerOfDevice(d));
  }

  public int tenantOfJob(int j) {
    return tenantOfDevice(deviceOfJob(j));
  }

  /** How many jobs run on device {@code d}. */
  public int jobsOn(int d) {
    return jobs / devices + (d < jobs % devices ? 1 : 0);
  }

  public String customer(int c) {
    return String.format("Customer %06d Ltd", c);
  }

  public String device(int d) {
    return String.format("c%06d-srv%02d", customerOfDevice(d), d / customers);
  }

  public String job(int j) {
    return "backup-" + (j / devices);
  }

  /** Push, read and admin keys are derived from the tenant id; only their SHA-256 goes into the configuration. */
  public String pushKey(int t) {
    return "bench-push-" + tenant(t);
  }

  public String readKey(int t) {
    return "bench-read-" + tenant(t);
  }

  public static final String ADMIN_KEY = "bench-admin";

  /** Success for most runs, a warning for every 20th, a failure for every 50th. */
  public String status(int j, int round) {
    int v = (j + round) % 100;
    return v % 50 == 0 ? "failed" : v % 20 == 0 ? "warning" : "success";
  }

  /** One job report (without the batch's "type"); {@code round} makes the run id new, {@code now} is Unix seconds. */
  public String jobReport(int j, int round, long now, boolean typed) {
    int d = deviceOfJob(j);
    long ended = now - 60 - (j % 3600);
    long started = ended - 600 - (j % 1800);
    return "{" + (typed ? "\"type\":\"job_report\"," : "") + "\"customer\":\"" + customer(customerOfDevice(d)) + "\",\"device\":\""
        + device(d) + "\",\"job\":\"" + job(j) + "\",\"run_id\":\"r" + round + "-" + j + "\",\"status\":\"" + status(j, round)
        + "\",\"started_at\":" + started + ",\"ended_at\":" + ended + ",\"bytes\":" + (1_000_000L * (1 + j % 5000))
        + ",\"files\":" + (100 + j % 10000) + ",\"errors\":0,\"warnings\":" + (status(j, round).equals("warning") ? 1 : 0)
        + ",\"message\":\"Completed\",\"product\":\"ImageBackup 8.1\"}";
  }

  public String heartbeat(int d, boolean typed) {
    return "{" + (typed ? "\"type\":\"heartbeat\"," : "") + "\"customer\":\"" + customer(customerOfDevice(d)) + "\",\"device\":\""
        + device(d) + "\",\"interval_seconds\":60,\"product\":\"SiteRecorder\",\"version\":\"2024 R2\"}";
  }

  /** The fleet's items (every job report of a round, then every heartbeat) as batches of at most {@code size} items, one tenant each. */
  public List<Batch> batches(int size, int round, long now) {
    List<List<String>> perTenant = new ArrayList<>();
    for (int t = 0; t < tenants; t++) {
      perTenant.add(new ArrayList<>());
    }
    for (int j = 0; j < jobs; j++) {
      perTenant.get(tenantOfJob(j)).add(jobReport(j, round, now, true));
    }
    for (int d = 0; d < devices; d++) {
      perTenant.get(tenantOfDevice(d)).add(heartbeat(d, true));
    }
    List<Batch> batches = new ArrayList<>();
    for (int t = 0; t < tenants; t++) {
      List<String> items = perTenant.get(t);
      for (int from = 0; from < items.size(); from += size) {
        List<String> chunk = items.subList(from, Math.min(items.size(), from + size));
        batches.add(new Batch(t, chunk.size(), "{\"items\":[" + String.join(",", chunk) + "]}"));
      }
    }
    return batches;
  }

  public record Batch(int tenant, int items, String body) {}

  /** The Pushgateway twin of a device: its jobs' gauges and its heartbeat gauges, text format, one group per device. */
  public String pushgatewayGroup(int d, int round, long now) {
    List<Integer> onDevice = new ArrayList<>();
    for (int j = d; j < jobs; j += devices) {
      onDevice.add(j);
    }
    String base = "tenant=\"" + tenant(tenantOfDevice(d)) + "\",customer=\"" + customer(customerOfDevice(d)) + "\"";
    StringBuilder out = new StringBuilder(4096);
    String[][] gauges = {
        {"vigil_job_last_run_timestamp_seconds", "ended"}, {"vigil_job_last_success_timestamp_seconds", "ended"},
        {"vigil_job_grace_seconds", "grace"}, {"vigil_job_consecutive_failures", "streak"},
        {"vigil_job_last_run_duration_seconds", "duration"}, {"vigil_job_last_run_bytes", "bytes"},
        {"vigil_job_last_run_files", "files"}, {"vigil_job_last_run_errors", "zero"}, {"vigil_job_last_run_warnings", "zero"}};
    for (String[] g : gauges) {
      out.append("# TYPE ").append(g[0]).append(" gauge\n");
      for (int j : onDevice) {
        long ended = now - 60 - (j % 3600);
        long value = switch (g[1]) {
          case "ended" -> ended;
          case "grace" -> 86400;
          case "duration" -> 600 + (j % 1800);
          case "bytes" -> 1_000_000L * (1 + j % 5000);
          case "files" -> 100 + j % 10000;
          default -> 0;
        };
        out.append(g[0]).append('{').append(base).append(",backup_job=\"").append(job(j)).append("\"} ").append(value).append('\n');
      }
    }
    out.append("# TYPE vigil_job_status gauge\n");
    for (int j : onDevice) {
      String s = status(j, round);
      for (String label : new String[] {"ok", "warning", "failed", "overdue", "missed"}) {
        boolean on = label.equals(s.equals("success") ? "ok" : s);
        out.append("vigil_job_status{").append(base).append(",backup_job=\"").append(job(j)).append("\",status=\"").append(label)
            .append("\"} ").append(on ? 1 : 0).append('\n');
      }
    }
    out.append("# TYPE vigil_device_last_heartbeat_timestamp_seconds gauge\nvigil_device_last_heartbeat_timestamp_seconds{")
        .append(base).append("} ").append(now).append('\n');
    out.append("# TYPE vigil_device_heartbeat_interval_seconds gauge\nvigil_device_heartbeat_interval_seconds{")
        .append(base).append("} 60\n");
    return out.toString();
  }

  /**
   * The exporter configuration: one admin key, per tenant a push and a read key, all as SHA-256 hex; entity
   * limits no tenant of the fleet can reach (the whole fleet's jobs and devices, two chains per device), so
   * every push of the bench is kept whatever the sizes.
   */
  public String configYaml() {
    return configYaml(t -> "");
  }

  /** As {@link #configYaml()}, with {@code tenantSection}'s YAML (indented four spaces) added to each tenant. */
  public String configYaml(IntFunction<String> tenantSection) {
    StringBuilder yaml = new StringBuilder("admin_keys:\n  - sha256: " + sha256(ADMIN_KEY) + "\n    name: bench\n");
    yaml.append("limits:\n  max_jobs_per_tenant: ").append(jobs).append("\n  max_devices_per_tenant: ").append(devices)
        .append("\n  max_chains_per_tenant: ").append(2L * devices).append("\ntenants:\n");
    for (int t = 0; t < tenants; t++) {
      yaml.append("  - account: ").append(tenant(t)).append("\n    name: Bench tenant ").append(t).append("\n    keys:\n")
          .append("      - role: push\n        sha256: ").append(sha256(pushKey(t))).append('\n')
          .append("      - role: read\n        sha256: ").append(sha256(readKey(t))).append('\n').append(tenantSection.apply(t));
    }
    return yaml.toString();
  }

  static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
