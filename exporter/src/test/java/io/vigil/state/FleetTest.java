package io.vigil.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.DeviceKey;
import io.vigil.model.DeviceState;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.store.Snapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's state by tenant and by customer: what one customer's report or page reads without a pass over the tenant. */
class FleetTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void aCustomersJobsAndDevicesAreItsOwnAndTheTenantsAreEveryCustomers() {
    Fleet fleet = Fleet.of(new Snapshot(List.of(job("acme", "Dental", "fs01", "nightly"), job("acme", "Dental", "fs02", "nightly"),
        job("acme", "Law", "fs01", "nightly"), job("globex", "Dental", "fs01", "nightly")),
        List.of(device("acme", "Dental", "nvr01"), device("acme", "Law", "nvr01"))));

    assertThat(fleet.jobs("acme", "Dental")).extracting(j -> j.key().device()).containsExactlyInAnyOrder("fs01", "fs02");
    assertThat(fleet.jobs("acme", "Law")).extracting(j -> j.key().customer()).containsExactly("Law");
    assertThat(fleet.jobs("globex", "Dental")).hasSize(1);
    assertThat(fleet.jobs("acme", "Nobody")).isEmpty();
    assertThat(fleet.jobs("initech", "Dental")).isEmpty();
    assertThat(fleet.devices("acme", "Law")).extracting(d -> d.key().device()).containsExactly("nvr01");
    assertThat(fleet.jobs("acme")).hasSize(3).extracting(j -> j.key().customer()).containsExactlyInAnyOrder("Dental", "Dental", "Law");
    assertThat(fleet.devices("acme")).hasSize(2);
    assertThat(fleet.job(new JobKey("acme", "Law", "fs01", "nightly"))).isNotNull();
    assertThat(fleet.job(new JobKey("acme", "Law", "fs02", "nightly"))).isNull();
    assertThat(fleet.jobsOf(new DeviceKey("acme", "Dental", "fs01"))).containsExactly(new JobKey("acme", "Dental", "fs01", "nightly"));
  }

  @Test
  void replacingKeepsTheCountAndRemovingTheLastOfACustomerLeavesNothingOfIt() {
    Fleet fleet = Fleet.of(new Snapshot(List.of(job("acme", "Dental", "fs01", "nightly")), List.of()));
    fleet.put(job("acme", "Dental", "fs01", "nightly"));
    fleet.put(job("acme", "Law", "fs01", "nightly"));
    assertThat(fleet.jobs("acme")).hasSize(2);

    fleet.remove(new JobKey("acme", "Dental", "fs01", "nightly"));
    fleet.remove(new JobKey("acme", "Dental", "fs01", "nightly"));
    assertThat(fleet.jobs("acme")).hasSize(1).extracting(j -> j.key().customer()).containsExactly("Law");
    assertThat(fleet.jobs("acme", "Dental")).isEmpty();
    fleet.put(job("acme", "Dental", "fs01", "weekly"));
    assertThat(fleet.jobs("acme", "Dental")).extracting(j -> j.key().job()).containsExactly("weekly");
    assertThat(fleet.tenants()).containsExactly("acme");
  }

  private static JobState job(String tenant, String customer, String device, String name) {
    return JobState.first(new JobRun(new JobKey(tenant, customer, device, name), "r1", JobResult.SUCCESS, NOW.minusSeconds(60), NOW,
        1, 1, 0, 0, null, null, null), NOW);
  }

  private static DeviceState device(String tenant, String customer, String device) {
    return DeviceState.empty(new DeviceKey(tenant, customer, device), NOW);
  }
}
