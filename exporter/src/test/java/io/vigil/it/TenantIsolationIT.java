package io.vigil.it;

import static io.vigil.testsupport.Pushes.event;
import static io.vigil.testsupport.Pushes.heartbeat;
import static io.vigil.testsupport.Pushes.jobReport;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vigil.testsupport.ExporterProcess;
import io.vigil.testsupport.KeysYaml;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint against every kind of credential, on the jar as a process: tenant A's keys never see
 * or change tenant B's data, missing, wrong and revoked keys get 401, and no key is ever written to
 * the log or the data directory.
 */
class TenantIsolationIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ACME_CUSTOMER = "Acme Dental";
  static final String GLOBEX_CUSTOMER = "Globex Clinic";
  static final String GLOBEX_SECRET_MESSAGE = "globex-only-message";
  static final String GLOBEX_CONNECTOR_TOKEN = "globex-connector-token";

  /** Who calls: a label and the Authorization header (null for none). */
  record Caller(String name, String authorization) {}

  static final Caller NONE = new Caller("no key", null);
  static final Caller MALFORMED = new Caller("not a bearer header", "Basic YWRtaW46YWRtaW4=");
  static final Caller WRONG = new Caller("wrong key", "Bearer acme-push-typo");
  static final Caller REVOKED = new Caller("revoked key", "Bearer acme-push-revoked");
  static final Caller ACME_PUSH = new Caller("acme push", "Bearer acme-push");
  static final Caller ACME_READ = new Caller("acme read", "Bearer acme-read");
  static final Caller GLOBEX_READ = new Caller("globex read", "Bearer globex-read");
  static final Caller ADMIN = new Caller("admin", "Bearer admin-key");

  /** The keys, and the token of globex's connector, which the exporter sends on only to that connector. */
  static final List<String> EVERY_KEY = List.of("acme-push-typo", "acme-push-revoked", "acme-push", "acme-read", "globex-push",
      "globex-read", "admin-key", GLOBEX_CONNECTOR_TOKEN);

  /** One endpoint: how to call it as a given caller. */
  record Endpoint(String name, String method, String path, String body) {}

  @TempDir
  Path dir;
  /** globex's image-backup connector, for the chains endpoint. */
  WireMockServer connector;

  @BeforeEach
  void startConnector() {
    connector = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    connector.start();
    connector.stubFor(get(urlPathEqualTo("/api/v1/chains")).withHeader("Authorization", equalTo("Bearer " + GLOBEX_CONNECTOR_TOKEN))
        .willReturn(okJson("{\"version\":1,\"customer\":\"Globex Clinic\",\"folder\":\"fs09\",\"volume\":\"C_VOL\",\"chains\":[]}")));
  }

  @AfterEach
  void stopConnector() {
    connector.stop();
  }

  @Test
  void everyEndpointAnswersEveryCredentialWithoutCrossingTenants() throws Exception {
    Path config = writeConfig("acme-push-revoked");
    Path data = dir.resolve("data");
    try (ExporterProcess vigil = ExporterProcess.start(dir, Map.of(), "--config", config.toString(), "--data-dir", data.toString())) {
      URI base = vigil.uri();
      seedGlobex(base);
      assertThat(send(base, "POST", "/api/v1/heartbeats", REVOKED, heartbeat(ACME_CUSTOMER, "nvr01", 60)).statusCode())
          .as("the key works before it is revoked").isEqualTo(200);
      writeConfig("acme-push");
      vigil.signal("HUP");
      awaitStatus(base, ACME_PUSH, 200);

      SoftAssertions softly = new SoftAssertions();
      for (Endpoint endpoint : pushEndpoints()) {
        for (Caller caller : List.of(NONE, MALFORMED, WRONG, REVOKED)) {
          expect(softly, base, endpoint, caller, 401);
        }
        expect(softly, base, endpoint, ACME_READ, 403);
        expect(softly, base, endpoint, GLOBEX_READ, 403);
        expect(softly, base, endpoint, ADMIN, 403);
      }
      for (Endpoint endpoint : globexReads()) {
        for (Caller caller : List.of(NONE, MALFORMED, WRONG, REVOKED)) {
          expect(softly, base, endpoint, caller, 401);
        }
        expect(softly, base, endpoint, ACME_PUSH, 403);
        expect(softly, base, endpoint, ACME_READ, 403);
        expect(softly, base, endpoint, GLOBEX_READ, 200);
        expect(softly, base, endpoint, ADMIN, 200);
      }
      Endpoint allMetrics = new Endpoint("all metrics", "GET", "/metrics", null);
      Endpoint reload = new Endpoint("reload", "POST", "/api/v1/admin/reload", "{}");
      for (Endpoint endpoint : List.of(allMetrics, reload)) {
        for (Caller caller : List.of(NONE, MALFORMED, WRONG, REVOKED)) {
          expect(softly, base, endpoint, caller, 401);
        }
        for (Caller caller : List.of(ACME_PUSH, ACME_READ, GLOBEX_READ)) {
          expect(softly, base, endpoint, caller, 403);
        }
        expect(softly, base, endpoint, ADMIN, 200);
      }
      softly.assertAll();

      pushesOfAcmeNamingGlobexCustomersStayInAcme(base);
      acmeReadsSeeOnlyAcme(base);
      assertThat(vigil.log()).as("the exporter's log").satisfies(TenantIsolationIT::containsNoKey);
    }
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
            .satisfies(TenantIsolationIT::containsNoKey);
      }
    }
  }

  /** Pushes the way acme's agents do, but naming globex's customer and device: they land in acme's own namespace. */
  void pushesOfAcmeNamingGlobexCustomersStayInAcme(URI base) throws Exception {
    String globexBefore = scrape(base, "/tenants/globex/metrics", GLOBEX_READ);
    Instant end = Instant.now().minusSeconds(30);
    assertThat(send(base, "POST", "/api/v1/job-reports", ACME_PUSH,
        jobReport(GLOBEX_CUSTOMER, "fs09", "nightly", "acme-run", "failed", end)).statusCode()).isEqualTo(200);
    assertThat(send(base, "POST", "/api/v1/events", ACME_PUSH, event(GLOBEX_CUSTOMER, "nvr09", "disk_full", "cleared")).statusCode())
        .isEqualTo(200);
    assertThat(send(base, "POST", "/api/v1/retire", ACME_PUSH, "{\"customer\": \"Globex Clinic\", \"device\": \"nvr09\"}").statusCode())
        .as("acme retires its own namesake of globex's device").isEqualTo(200);
    assertThat(scrape(base, "/tenants/globex/metrics", GLOBEX_READ)).as("globex's series after acme's pushes")
        .isEqualTo(globexBefore);
    assertThat(runs(base, "globex", GLOBEX_CUSTOMER, "fs09", GLOBEX_READ)).contains("globex-run").doesNotContain("acme-run");
  }

  void acmeReadsSeeOnlyAcme(URI base) throws Exception {
    String acme = scrape(base, "/tenants/acme/metrics", ACME_READ);
    assertThat(acme).contains("tenant=\"acme\"").doesNotContain("tenant=\"globex\"");
    assertThat(acme.lines().filter(l -> l.startsWith("vigil_")).filter(l -> l.contains("tenant=") && !l.contains("tenant=\"acme\"")))
        .as("series of other tenants on acme's scrape").isEmpty();
    assertThat(runs(base, "acme", GLOBEX_CUSTOMER, "fs09", ACME_READ)).contains("acme-run").doesNotContain("globex-run")
        .doesNotContain(GLOBEX_SECRET_MESSAGE);
    // The month of the night of acme's run (UTC, nights from 06:00), which on the first day of a month is not the default.
    YearMonth month = YearMonth.from(Instant.now().minusSeconds(30).atZone(ZoneOffset.UTC).minusHours(6));
    assertThat(send(base, "GET", "/tenants/acme/reports/monthly?customer=Globex%20Clinic&format=html&month=" + month, ACME_READ, null)
        .body())
        .as("acme's monthly report of its namesake customer").contains("fs09 / nightly").contains("failed")
        .doesNotContain(GLOBEX_SECRET_MESSAGE);
    assertThat(send(base, "GET", "/tenants/acme/reports/daily?format=text", ACME_READ, null).body())
        .as("acme's digest").contains("fs09 / nightly").doesNotContain(GLOBEX_SECRET_MESSAGE).doesNotContain("nvr09: disk_full");
    HttpResponse<String> history = send(base, "GET", "/tenants/acme/history?customer=Globex%20Clinic", ACME_READ, null);
    assertThat(history.statusCode()).isEqualTo(200);
    assertThat(history.body()).as("acme's nights of its namesake of globex's job: acme's failed run, not globex's success")
        .contains("\"result\":\"failed\"").doesNotContain("\"result\":\"success\"").doesNotContain("globex");
    int asked = connector.getAllServeEvents().size();
    assertThat(send(base, "GET", "/tenants/acme/chains?connector=img01&folder=Globex%20Clinic/fs09&volume=C_VOL", ACME_READ, null)
        .statusCode()).as("globex's connector by its name, through acme's path").isEqualTo(404);
    assertThat(connector.getAllServeEvents()).as("requests that reached globex's connector").hasSize(asked);
  }

  void seedGlobex(URI base) throws Exception {
    Caller globexPush = new Caller("globex push", "Bearer globex-push");
    Instant end = Instant.now().minusSeconds(60);
    String report = jobReport(GLOBEX_CUSTOMER, "fs09", "nightly", "globex-run", "success", end).replace("\"done\"",
        "\"" + GLOBEX_SECRET_MESSAGE + "\"");
    assertThat(send(base, "POST", "/api/v1/job-reports", globexPush, report).statusCode()).isEqualTo(200);
    assertThat(send(base, "POST", "/api/v1/heartbeats", globexPush, heartbeat(GLOBEX_CUSTOMER, "nvr09", 60)).statusCode()).isEqualTo(200);
    assertThat(send(base, "POST", "/api/v1/events", globexPush, event(GLOBEX_CUSTOMER, "nvr09", "disk_full", "raised")).statusCode())
        .isEqualTo(200);
  }

  static List<Endpoint> pushEndpoints() {
    Instant end = Instant.now().minusSeconds(10);
    String item = heartbeat(GLOBEX_CUSTOMER, "nvr09", 60).replaceFirst("\\{", "{\"type\": \"heartbeat\", ");
    return List.of(
        new Endpoint("job reports", "POST", "/api/v1/job-reports", jobReport(GLOBEX_CUSTOMER, "fs09", "nightly", "x", "failed", end)),
        new Endpoint("heartbeats", "POST", "/api/v1/heartbeats", heartbeat(GLOBEX_CUSTOMER, "nvr09", 60)),
        new Endpoint("events", "POST", "/api/v1/events", event(GLOBEX_CUSTOMER, "nvr09", "disk_full", "cleared")),
        new Endpoint("batch", "POST", "/api/v1/batch", "{\"items\": [" + item + "]}"),
        new Endpoint("retire", "POST", "/api/v1/retire", "{\"customer\": \"Globex Clinic\", \"device\": \"nvr09\"}"));
  }

  static List<Endpoint> globexReads() {
    return List.of(new Endpoint("globex metrics", "GET", "/tenants/globex/metrics", null),
        new Endpoint("globex runs", "GET", "/tenants/globex/runs?customer=Globex%20Clinic&device=fs09&job=nightly", null),
        new Endpoint("globex chains", "GET", "/tenants/globex/chains?connector=img01&folder=Globex%20Clinic/fs09&volume=C_VOL", null),
        new Endpoint("globex daily digest", "GET", "/tenants/globex/reports/daily", null),
        new Endpoint("globex daily digest as HTML", "GET", "/tenants/globex/reports/daily?format=html", null),
        new Endpoint("globex monthly report", "GET", "/tenants/globex/reports/monthly?customer=Globex%20Clinic&format=html", null),
        new Endpoint("globex monthly report as PDF", "GET", "/tenants/globex/reports/monthly?customer=Globex%20Clinic", null),
        new Endpoint("globex history", "GET", "/tenants/globex/history?customer=Globex%20Clinic", null),
        new Endpoint("globex unparsed mail", "GET", "/tenants/globex/unparsed-mail", null));
  }

  /** The status, and for anything but 200 a body that names nothing of globex's. */
  static void expect(SoftAssertions softly, URI base, Endpoint endpoint, Caller caller, int status) throws Exception {
    HttpResponse<String> response = send(base, endpoint.method(), endpoint.path(), caller, endpoint.body());
    String what = endpoint.name() + " as " + caller.name();
    softly.assertThat(response.statusCode()).as(what).isEqualTo(status);
    if (status != 200) {
      softly.assertThat(response.body()).as(what + ": body").contains("\"error\"").doesNotContain(GLOBEX_SECRET_MESSAGE)
          .doesNotContain("globex-run");
    }
    if (status == 401) {
      softly.assertThat(response.headers().firstValue("WWW-Authenticate")).as(what + ": WWW-Authenticate").isPresent();
    }
  }

  static void containsNoKey(String text) {
    List<String> found = new ArrayList<>();
    for (String key : EVERY_KEY) {
      if (text.contains(key)) {
        found.add(key);
      }
    }
    assertThat(found).as("plaintext keys").isEmpty();
  }

  Path writeConfig(String acmePushKey) throws Exception {
    Path file = dir.resolve("vigil.yml");
    // globex is the last tenant, so its connectors go at the end
    Files.writeString(file, KeysYaml.of("admin-key", "acme", acmePushKey, "acme-read", "globex", "globex-push", "globex-read")
        + "    connectors:\n      - {name: img01, url: \"" + connector.baseUrl() + "\", token: " + GLOBEX_CONNECTOR_TOKEN
        + ", interval_seconds: 3600}\n");
    return file;
  }

  static HttpResponse<String> send(URI base, String method, String path, Caller caller, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json");
    if (caller.authorization() != null) {
      request.header("Authorization", caller.authorization());
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String scrape(URI base, String path, Caller caller) throws Exception {
    HttpResponse<String> response = send(base, "GET", path, caller, null);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    // "since" series are computed at scrape time, so two scrapes differ in them whatever happens
    return response.body().lines().filter(l -> l.startsWith("vigil_") && !l.contains("_since_")).sorted()
        .reduce("", (a, b) -> a + b + "\n");
  }

  static String runs(URI base, String tenant, String customer, String device, Caller caller) throws Exception {
    String path = "/tenants/" + tenant + "/runs?customer=" + URLEncoder.encode(customer, StandardCharsets.UTF_8).replace("+", "%20")
        + "&device=" + device + "&job=nightly";
    HttpResponse<String> response = send(base, "GET", path, caller, null);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  static void awaitStatus(URI base, Caller caller, int status) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (send(base, "POST", "/api/v1/heartbeats", caller, heartbeat(ACME_CUSTOMER, "nvr01", 60)).statusCode() == status) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(caller.name() + " never got " + status + " after the reload");
  }
}
