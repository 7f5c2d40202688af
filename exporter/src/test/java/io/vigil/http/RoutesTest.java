package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.push.PushKind;
import io.vigil.testsupport.Pushes;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The routes table as served: each endpoint answers its methods only and takes the key its row names. */
class RoutesTest {
  @RegisterExtension
  final RoutesFixture routes = new RoutesFixture();

  @Test
  void everyPushKindHasARouteThatTakesOnlyPost() throws Exception {
    for (PushKind kind : PushKind.values()) {
      HttpResponse<String> get = routes.get(kind.path(), "acme-push");

      assertThat(get.statusCode()).as(kind.path()).isEqualTo(405);
      assertThat(get.headers().firstValue("Allow")).as(kind.path()).hasValue("POST");
      assertThat(routes.json(get).get("message").asText()).isEqualTo("GET is not allowed here; use POST");
    }
    assertThat(routes.recorder.recorded()).isEmpty();
    assertThat(routes.recorder.retirements()).isEmpty();
  }

  @Test
  void pushRoutesRefuseReadAndAdminKeysAndCountThemUnauthorized() throws Exception {
    for (PushKind kind : PushKind.values()) {
      for (String key : new String[] {"acme-read", "admin"}) {
        HttpResponse<String> push = routes.post(kind.path(), key, "{}");

        assertThat(push.statusCode()).as(kind.path() + " with " + key).isEqualTo(403);
        assertThat(routes.json(push).get("message").asText()).isEqualTo("this key may not push; use a push key of the tenant");
      }
      assertThat(routes.pushes("acme", kind, "unauthorized")).as(kind.label()).isEqualTo(1);
      assertThat(routes.pushes("", kind, "unauthorized")).as(kind.label()).isEqualTo(1);
    }
    assertThat(routes.recorder.recorded()).isEmpty();
    assertThat(routes.recorder.retirements()).isEmpty();
  }

  @Test
  void aPushWithoutAValidKeyIs401AndCountedWithoutATenant() throws Exception {
    HttpResponse<String> push = routes.post(PushKind.HEARTBEAT.path(), "no-such-key", Pushes.heartbeat("Dental", "nvr01", 60));

    assertThat(push.statusCode()).isEqualTo(401);
    assertThat(push.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vigil\"");
    assertThat(routes.pushes("", PushKind.HEARTBEAT, "unauthorized")).isEqualTo(1);
    assertThat(routes.recorder.recorded()).isEmpty();
  }

  @Test
  void adminRoutesRefuseTenantKeysWithTheirOwnReason() throws Exception {
    HttpResponse<String> metrics = routes.get("/metrics", "acme-read");
    HttpResponse<String> reload = routes.post("/api/v1/admin/reload", "acme-push", null);

    assertThat(metrics.statusCode()).isEqualTo(403);
    assertThat(routes.json(metrics).get("message").asText())
        .isEqualTo("/metrics shows every tenant and needs an admin key; use /tenants/acme/metrics with a read key");
    assertThat(reload.statusCode()).isEqualTo(403);
    assertThat(routes.json(reload).get("message").asText()).isEqualTo("reloading the configuration needs an admin key");
  }

  @Test
  void reloadWithAnAdminKeyAnswersWithTheTenantsInForce() throws Exception {
    HttpResponse<String> reload = routes.post("/api/v1/admin/reload", "admin", null);

    assertThat(reload.statusCode()).isEqualTo(200);
    assertThat(routes.json(reload).get("tenants").asInt()).isEqualTo(2);
  }

  @Test
  void healthTakesNoKeyAndReadinessFollowsTheExporter() throws Exception {
    assertThat(routes.get("/-/healthy", null).statusCode()).isEqualTo(200);
    assertThat(routes.get("/-/ready", null).statusCode()).isEqualTo(200);
    HttpResponse<String> head = routes.send("HEAD", "/-/healthy", null, null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();

    routes.ready.set(false);

    assertThat(routes.get("/-/healthy", null).body()).isEqualTo("OK\n");
    HttpResponse<String> ready = routes.get("/-/ready", null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).isEqualTo("not ready\n");
  }

  @Test
  void anUnknownPathIs404ListingEveryEndpointOfTheTable() throws Exception {
    HttpResponse<String> unknown = routes.send("DELETE", "/api/v2/job-reports", "acme-push", null);

    assertThat(unknown.statusCode()).isEqualTo(404);
    String message = routes.json(unknown).get("message").asText();
    assertThat(message).startsWith("no such endpoint: /api/v2/job-reports; see /metrics, /tenants/{account}/metrics,"
        + " /tenants/{account}/runs, /tenants/{account}/chains, ");
    for (PushKind kind : PushKind.values()) {
      assertThat(message).contains(kind.path());
    }
    assertThat(message).endsWith("/api/v1/admin/reload, /-/healthy, /-/ready, /console/");
  }
}
