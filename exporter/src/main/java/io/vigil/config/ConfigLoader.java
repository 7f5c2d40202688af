package io.vigil.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration and checks every rule on load, naming the offending key. The clock
 * judges the TLS certificate's dates.
 */
public final class ConfigLoader {
  public static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final ObjectMapper yaml = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();
  private final Clock clock;

  public ConfigLoader(Clock clock) {
    this.clock = clock;
  }

  /** Judges certificates by the wall clock, as TLS clients do. */
  public ConfigLoader() {
    this(Clock.systemUTC());
  }

  public VigilConfig load(Path file) throws ConfigException {
    String source = file.toString();
    VigilConfig config;
    try {
      config = yaml.readValue(Files.readAllBytes(file), VigilConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(source, List.of(JsonPaths.of(e) + ": unknown key (known: "
          + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")"));
    } catch (JsonMappingException e) {
      throw new ConfigException(source, List.of(JsonPaths.of(e) + ": " + e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, List.of("not valid YAML: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(source, List.of("cannot read: " + e.getMessage()));
    }
    if (config == null) {
      throw new ConfigException(source, List.of("the file is empty"));
    }
    validate(source, config, clock);
    return config;
  }

  /** Judges certificates by the wall clock, as TLS clients do. */
  public static void validate(String source, VigilConfig config) throws ConfigException {
    validate(source, config, Clock.systemUTC());
  }

  public static void validate(String source, VigilConfig config, Clock clock) throws ConfigException {
    List<String> problems = new ArrayList<>();
    Set<String> digests = new HashSet<>();
    checkKeys("admin_keys", config.adminKeys(), false, digests, problems);
    Set<String> accounts = new HashSet<>();
    for (int i = 0; i < config.tenants().size(); i++) {
      TenantConfig tenant = config.tenants().get(i);
      String at = "tenants[" + i + "]";
      if (tenant.account() == null || !ACCOUNT.matcher(tenant.account()).matches()) {
        problems.add(at + ".account: must be 1-64 of a-z 0-9 . _ - starting with a letter or digit");
      } else if (!accounts.add(tenant.account())) {
        problems.add(at + ".account: '" + tenant.account() + "' is configured twice");
      }
      positive(at + ".grace_seconds", tenant.graceSeconds(), problems);
      positive(at + ".heartbeat_interval_seconds", tenant.heartbeatIntervalSeconds(), problems);
      checkKeys(at + ".keys", tenant.keys(), true, digests, problems);
      positive(at + ".chain_grace_seconds", tenant.chainGraceSeconds(), problems);
      if (tenant.limits() != null) {
        positive(at + ".limits.max_jobs", tenant.limits().maxJobs(), problems);
        positive(at + ".limits.max_devices", tenant.limits().maxDevices(), problems);
        positive(at + ".limits.max_chains", tenant.limits().maxChains(), problems);
      }
      ConnectorRules.check(at, tenant, problems);
      ScheduleRules.check(at, tenant, problems);
    }
    Defaults d = config.defaults();
    positive("defaults.grace_seconds", d.graceSeconds(), problems);
    positive("defaults.heartbeat_interval_seconds", d.heartbeatIntervalSeconds(), problems);
    positive("defaults.retire_after_days", d.retireAfterDays().longValue(), problems);
    if (d.historyDays() < 1) {
      problems.add("defaults.history_days: must be at least 1");
    }
    Limits l = config.limits();
    positive("limits.max_body_bytes", l.maxBodyBytes().longValue(), problems);
    positive("limits.max_batch_items", l.maxBatchItems().longValue(), problems);
    positive("limits.max_name_length", l.maxNameLength().longValue(), problems);
    positive("limits.max_message_length", l.maxMessageLength().longValue(), problems);
    if (l.requestsPerSecondPerKey() != null && !(l.requestsPerSecondPerKey() > 0)) {
      problems.add("limits.requests_per_second_per_key: must be greater than 0");
    }
    positive("limits.burst_per_key", l.burstPerKey() == null ? null : l.burstPerKey().longValue(), problems);
    positive("limits.max_jobs_per_tenant", l.maxJobsPerTenant(), problems);
    positive("limits.max_devices_per_tenant", l.maxDevicesPerTenant(), problems);
    positive("limits.max_chains_per_tenant", l.maxChainsPerTenant(), problems);
    config.server().check(problems);
    config.store().check(config.dataDir(), problems);
    if (config.tls() != null) {
      try {
        config.tls().load(clock);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!config.listen().matches(".*:\\d{1,5}")) {
      problems.add("listen: must be HOST:PORT, got '" + config.listen() + "'");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
  }

  private static void checkKeys(String at, List<KeyConfig> keys, boolean needsRole, Set<String> digests, List<String> problems) {
    for (int i = 0; i < keys.size(); i++) {
      KeyConfig key = keys.get(i);
      String here = at + "[" + i + "]";
      if (key.sha256() == null || !SHA256_HEX.matcher(key.sha256()).matches()) {
        problems.add(here + ".sha256: must be the 64 lower-case hex digits of the key's SHA-256 (see 'hash-key')");
      } else if (!digests.add(key.sha256())) {
        problems.add(here + ".sha256: the same key is configured twice");
      }
      if (needsRole && key.role() == null) {
        problems.add(here + ".role: must be push or read");
      }
      if (!needsRole && key.role() != null) {
        problems.add(here + ".role: admin keys have no role");
      }
    }
  }

  static void positive(String key, Long value, List<String> problems) {
    if (value != null && value <= 0) {
      problems.add(key + ": must be greater than 0");
    }
  }

  static void positive(String key, Integer value, List<String> problems) {
    positive(key, value == null ? null : value.longValue(), problems);
  }
}
