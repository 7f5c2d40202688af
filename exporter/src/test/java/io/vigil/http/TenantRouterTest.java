package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.store.StoreException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /tenants/{account}/...: who may read which tenant, and the run history read from a fake of the store. */
class TenantRouterTest {
  private static final Instant NOW = RoutesFixture.NOW;

  @RegisterExtension
  final RoutesFixture routes = new RoutesFixture();
  final List<String> reads = new ArrayList<>();

  @BeforeEach
  void start() {
    routes.history((key, from, to) -> {
      reads.add(key + " " + from + " " + to);
      return List.of(new JobRun(key, "r1", JobResult.SUCCESS, NOW.minusSeconds(600), NOW, 10, 2, 0, 0, "done", null, null));
    });
  }

  @Test
  void runsAreReadForTheTenantOfThePathWithNamesAsTheyAreKept() throws Exception {
    HttpResponse<String> runs = routes.get("/tenants/acme/runs?customer=Cafe%CC%81&device=fs01&job=nightly", "acme-read");

    assertThat(runs.statusCode()).isEqualTo(200);
    Instant to = NOW.plus(Duration.ofMinutes(5)).plusSeconds(1);
    assertThat(reads).containsExactly(new JobKey("acme", "Caf\u00e9", "fs01", "nightly") + " " + to.minus(Duration.ofDays(31)) + " " + to);
    assertThat(routes.json(runs).get("customer").asText()).isEqualTo("Cafe\u0301");
    assertThat(routes.json(runs).get("runs").get(0).get("status").asText()).isEqualTo("success");
    assertThat(routes.json(runs).get("runs").get(0).get("ended_at").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void anAdminKeyReadsAnyTenantWithinTheWindowAsked() throws Exception {
    HttpResponse<String> runs = routes.get("/tenants/globex/runs?customer=A&device=B&job=C"
        + "&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z", "admin");

    assertThat(runs.statusCode()).isEqualTo(200);
    assertThat(reads).containsExactly(new JobKey("globex", "A", "B", "C") + " 2026-11-01T00:00:00Z 2026-11-02T00:00:00Z");
  }

  @Test
  void anotherTenantsReadKeyIs403AndTheStoreIsNeverRead() throws Exception {
    HttpResponse<String> runs = routes.get("/tenants/acme/runs?customer=A&device=B&job=C", "globex-read");

    assertThat(runs.statusCode()).isEqualTo(403);
    assertThat(routes.json(runs).get("message").asText()).isEqualTo("this key may not read tenant 'acme'");
    assertThat(reads).isEmpty();
  }

  @Test
  void aPushKeyMayNotReadItsOwnTenant() throws Exception {
    assertThat(routes.get("/tenants/acme/runs?customer=A&device=B&job=C", "acme-push").statusCode()).isEqualTo(403);
    assertThat(reads).isEmpty();
  }

  @Test
  void aTenantThatIsNotConfiguredIs404ForAnAdminKey() throws Exception {
    HttpResponse<String> runs = routes.get("/tenants/initech/runs?customer=A&device=B&job=C", "admin");

    assertThat(runs.statusCode()).isEqualTo(404);
    assertThat(routes.json(runs).get("message").asText()).isEqualTo("no tenant 'initech' is configured");
  }

  @Test
  void anUnknownTenantEndpointIs404ListingTheTenantEndpoints() throws Exception {
    HttpResponse<String> unknown = routes.get("/tenants/acme/jobs", "acme-read");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(routes.json(unknown).get("message").asText()).isEqualTo(
        "no such path; use /tenants/{account}/metrics, /tenants/{account}/runs, /tenants/{account}/chains or /tenants/{account}/history");
  }

  @Test
  void runsWithoutTheJobAre400() throws Exception {
    HttpResponse<String> runs = routes.get("/tenants/acme/runs?customer=A&device=B", "acme-read");

    assertThat(runs.statusCode()).isEqualTo(400);
    assertThat(reads).isEmpty();
  }

  @Test
  void aTimeThatIsNotIso8601Is400() throws Exception {
    HttpResponse<String> runs = routes.get("/tenants/acme/runs?customer=A&device=B&job=C&from=yesterday", "acme-read");

    assertThat(runs.statusCode()).isEqualTo(400);
    assertThat(routes.json(runs).get("message").asText()).isEqualTo("from and to must be ISO-8601 times such as 2026-11-01T00:00:00Z");
    assertThat(reads).isEmpty();
  }

  @Test
  void aStoreThatCannotBeReadIs503() throws Exception {
    routes.history((key, from, to) -> {
      throw new StoreException("database is locked", null);
    });

    HttpResponse<String> runs = routes.get("/tenants/acme/runs?customer=A&device=B&job=C", "acme-read");

    assertThat(runs.statusCode()).isEqualTo(503);
    assertThat(routes.json(runs).get("message").asText()).isEqualTo("the run history cannot be read now: database is locked");
  }
}
