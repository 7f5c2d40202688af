package io.vigil.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /tenants/{account}/chains against a WireMock connector: the exporter fetches one volume's chains with
 * the tenant's own connector settings, passes the document on, and turns every failure into a JSON error.
 * acme and globex each have a connector named img01 on the same host, told apart by their tokens.
 */
class ChainsEndpointIT {
  static final String CHAINS = "/api/v1/chains";
  static final String DOCUMENT = """
      {"version":1,"connector":{"name":"img01","version":"0.1.0"},"scanned_at":"2026-11-25T10:00:00Z",
       "customer":"acme","folder":"SRV01","volume":"System Reserved_VOL","chains":[{"base":"b001","current":true,"broken":false,
       "missing":[],"images":[{"name":"System Reserved_VOL-b001.spf","kind":"base","line":0,"first":0,"last":0,"bytes":123,
       "time":"2026-11-20T22:00:00Z","on_restore_path":true,"md5":true,"parts":0}]}]}""";
  static final String ACME_VOLUME = "/tenants/acme/chains?connector=img01&folder=acme/SRV01&volume=System%20Reserved_VOL";

  @TempDir
  Path dir;
  WireMockServer wm;
  RunningExporter exporter;

  @BeforeEach
  void start() throws Exception {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
    wm.start();
    VigilConfig base = RunningExporter.config(dir);
    TenantConfig acme = base.tenant("acme").orElseThrow().withConnectors(
        List.of(new ConnectorConfig("img01", wm.baseUrl(), "acme-tok", null, 3600L, 1L, 4096L)), List.of());
    TenantConfig globex = base.tenant("globex").orElseThrow().withConnectors(
        List.of(new ConnectorConfig("img01", wm.baseUrl(), "globex-tok", null, 3600L, 1L, 4096L),
            new ConnectorConfig("gx02", wm.baseUrl(), "globex-tok", null, 3600L, 1L, 4096L)), List.of());
    exporter = RunningExporter.start(new VigilConfig(base.listen(), base.dataDir(), base.adminKeys(), null, null, List.of(acme, globex)),
        null, new TestClock(Instant.parse("2026-11-25T10:00:00Z")));
  }

  @AfterEach
  void stop() {
    exporter.close();
    wm.stop();
  }

  void acmeConnectorAnswers(ResponseDefinitionBuilder answer) {
    wm.stubFor(get(urlPathEqualTo(CHAINS)).withHeader("Authorization", equalTo("Bearer acme-tok")).willReturn(answer));
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return new ObjectMapper().readTree(response.body());
  }

  @Test
  void theTenantsConnectorIsAskedForTheVolumeAndItsDocumentPassedOn() throws Exception {
    acmeConnectorAnswers(okJson(DOCUMENT));
    HttpResponse<String> response = exporter.get(ACME_VOLUME, "acme-read");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(new ObjectMapper().readTree(DOCUMENT));
    wm.verify(1, getRequestedFor(urlPathEqualTo(CHAINS)).withHeader("Authorization", equalTo("Bearer acme-tok"))
        .withQueryParam("customer", equalTo("acme")).withQueryParam("folder", equalTo("SRV01"))
        .withQueryParam("volume", equalTo("System Reserved_VOL")));
    assertThat(exporter.get(ACME_VOLUME, RunningExporter.ADMIN).statusCode()).as("an admin key may read every tenant").isEqualTo(200);
  }

  @Test
  void aTenantReachesOnlyItsOwnConnectors() throws Exception {
    wm.stubFor(get(urlPathEqualTo(CHAINS)).willReturn(okJson(DOCUMENT)));
    HttpResponse<String> other = exporter.get("/tenants/acme/chains?connector=gx02&folder=acme/SRV01&volume=C_VOL", "acme-read");
    assertThat(other.statusCode()).as("globex's connector by name through acme's path").isEqualTo(404);
    assertThat(json(other).get("message").asText()).isEqualTo("no connector of that name is configured for tenant 'acme'");
    assertThat(exporter.get("/tenants/globex/chains?connector=img01&folder=acme/SRV01&volume=C_VOL", "acme-read").statusCode())
        .as("globex's path with acme's key").isEqualTo(403);
    assertThat(exporter.get(ACME_VOLUME, null).statusCode()).isEqualTo(401);
    assertThat(exporter.get(ACME_VOLUME, "acme-push").statusCode()).as("a push key").isEqualTo(403);
    wm.verify(0, getRequestedFor(urlPathEqualTo(CHAINS)));

    assertThat(exporter.get("/tenants/globex/chains?connector=img01&folder=acme/SRV01&volume=C_VOL", "globex-read").statusCode())
        .isEqualTo(200);
    wm.verify(1, getRequestedFor(urlPathEqualTo(CHAINS)).withHeader("Authorization", equalTo("Bearer globex-tok")));
    wm.verify(0, getRequestedFor(urlPathEqualTo(CHAINS)).withHeader("Authorization", equalTo("Bearer acme-tok")));
  }

  @Test
  void missingOrMalformedParametersAre400NamingThem() throws Exception {
    for (String query : List.of("folder=acme/SRV01&volume=C_VOL", "connector=img01&volume=C_VOL", "connector=img01&folder=acme/SRV01",
        "connector=img01&folder=SRV01&volume=C_VOL", "connector=img01&folder=acme/SRV01/x&volume=C_VOL",
        "connector=img01&folder=acme/&volume=C_VOL", "connector=img01&folder=acme/SRV01&volume=a/b",
        "connector=img01&folder=acme/SRV01&volume=" + "v".repeat(256))) {
      HttpResponse<String> response = exporter.get("/tenants/acme/chains?" + query, "acme-read");
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(json(response).get("message").asText()).as(query).containsAnyOf("connector, folder and volume are required",
          "folder must be CUSTOMER/FOLDER", "volume must be 1-255 characters");
    }
    wm.verify(0, getRequestedFor(urlPathEqualTo(CHAINS)));
  }

  @Test
  void aVolumeTheConnectorDoesNotHaveIs404() throws Exception {
    acmeConnectorAnswers(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"not_found\",\"message\":\"no volume\"}"));
    HttpResponse<String> response = exporter.get(ACME_VOLUME, "acme-read");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("message").asText())
        .isEqualTo("connector 'img01' has no volume 'System Reserved_VOL' in folder 'acme/SRV01'");
  }

  @Test
  void aConnectorThatDoesNotAnswerInTimeIs504() throws Exception {
    acmeConnectorAnswers(okJson(DOCUMENT).withFixedDelay(3_000));
    long t0 = System.nanoTime();
    HttpResponse<String> response = exporter.get(ACME_VOLUME, "acme-read");
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(json(response).get("error").asText()).isEqualTo("gateway_timeout");
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds, with a 1 s timeout").isLessThan(2.5);
  }

  @Test
  void aSecondRequestToAConnectorWhileOneIsInFlightIs503SoItsPollsKeepAConnection() throws Exception {
    acmeConnectorAnswers(okJson(DOCUMENT).withFixedDelay(3_000));
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
      try {
        return exporter.get(ACME_VOLUME, "acme-read");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (wm.getAllServeEvents().isEmpty()) {
      Thread.sleep(10);
    }
    HttpResponse<String> second = exporter.get(ACME_VOLUME, "acme-read");
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(json(second).get("message").asText())
        .isEqualTo("a chains request to connector 'img01' is in flight; retry when it is answered");
    assertThat(first.get().statusCode()).as("the first one, timed out").isEqualTo(504);
    assertThat(exporter.get("/tenants/globex/chains?connector=img01&folder=acme/SRV01&volume=C_VOL", "globex-read").statusCode())
        .as("another tenant's connector of the same name is not held up").isNotEqualTo(503);
    wm.resetAll();
    acmeConnectorAnswers(okJson(DOCUMENT));
    assertThat(exporter.get(ACME_VOLUME, "acme-read").statusCode()).as("once the first is answered").isEqualTo(200);
  }

  @Test
  void aFailingConnectorIs502SayingHow() throws Exception {
    String big = DOCUMENT.replace("\"scanned_at\"", "\"pad\":\"" + "x".repeat(5000) + "\",\"scanned_at\"");
    List<List<Object>> cases = List.of(
        List.of(aResponse().withStatus(500).withBody("oops"), "http_error (answered 500)"),
        List.of(aResponse().withStatus(401), "unauthorized"),
        List.of(okJson("{\"version\":1,\"chains\":"), "malformed (not a JSON document"),
        List.of(okJson("{\"version\":2,\"chains\":[]}"), "malformed (version: expected 1, got 2)"),
        List.of(okJson("[1,2]"), "malformed (not a JSON object)"),
        List.of(okJson(big), "oversized"));
    for (List<Object> c : cases) {
      wm.resetAll();
      acmeConnectorAnswers((ResponseDefinitionBuilder) c.get(0));
      HttpResponse<String> response = exporter.get(ACME_VOLUME, "acme-read");
      assertThat(response.statusCode()).as((String) c.get(1)).isEqualTo(502);
      assertThat(json(response).get("message").asText()).as((String) c.get(1)).startsWith("connector 'img01' failed: " + c.get(1));
    }
  }
}
