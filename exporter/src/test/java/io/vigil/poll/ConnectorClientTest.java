package io.vigil.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.vigil.config.ConnectorConfig;
import io.vigil.testsupport.Inventories;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client against WireMock: each way a poll can end maps to its result, and nothing throws. */
class ConnectorClientTest {
  static final String PATH = "/api/v1/inventory";
  static WireMockServer wm;
  static ConnectorClient client;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
    wm.start();
    client = new ConnectorClient(4);
  }

  @AfterAll
  static void stop() {
    client.close();
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
  }

  static ConnectorConfig connector(long timeoutSeconds, long maxBodyBytes) {
    return new ConnectorConfig("img01", wm.baseUrl(), "tok", null, 60L, timeoutSeconds, maxBodyBytes);
  }

  static ConnectorConfig connector() {
    return connector(1, 1 << 20);
  }

  @Test
  void aGoodAnswerGivesTheInventoryAndItsEtagIgnoringUnknownFields() {
    wm.stubFor(get(PATH).willReturn(okJson(Inventories.sample()).withHeader("ETag", "\"v1\"")));
    Fetch fetch = client.fetch(connector(), null);
    assertThat(fetch.result()).isEqualTo(PollResult.OK);
    assertThat(fetch.etag()).isEqualTo("\"v1\"");
    assertThat(fetch.inventory().repository().freeBytes()).isEqualTo(400_000L);
    assertThat(fetch.inventory().folders()).hasSize(2);
    wm.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer tok")).withoutHeader("If-None-Match"));
  }

  @Test
  void theLastEtagIsSentAnd304MeansNotModified() {
    wm.stubFor(get(PATH).withHeader("If-None-Match", equalTo("\"v1\"")).willReturn(aResponse().withStatus(304)));
    Fetch fetch = client.fetch(connector(), "\"v1\"");
    assertThat(fetch.result()).isEqualTo(PollResult.NOT_MODIFIED);
    assertThat(fetch.result().up()).isTrue();
  }

  @Test
  void anAnswerSlowerThanTheTimeoutIsATimeout() {
    wm.stubFor(get(PATH).willReturn(okJson(Inventories.sample()).withFixedDelay(3_000)));
    assertThat(client.fetch(connector(), null).result()).isEqualTo(PollResult.TIMEOUT);
  }

  @Test
  void aBodyThatTricklesPastTheTimeoutIsATimeout() {
    wm.stubFor(get(PATH).willReturn(okJson(Inventories.sample()).withChunkedDribbleDelay(40, 3_000)));
    assertThat(client.fetch(connector(), null).result()).isEqualTo(PollResult.TIMEOUT);
  }

  @Test
  void a500IsAnHttpError() {
    wm.stubFor(get(PATH).willReturn(aResponse().withStatus(500).withBody("oops")));
    Fetch fetch = client.fetch(connector(), null);
    assertThat(fetch.result()).isEqualTo(PollResult.HTTP_ERROR);
    assertThat(fetch.detail()).contains("500");
  }

  @Test
  void a401MeansTheTokenIsWrong() {
    wm.stubFor(get(PATH).willReturn(aResponse().withStatus(401)));
    assertThat(client.fetch(connector(), null).result()).isEqualTo(PollResult.UNAUTHORIZED);
  }

  @Test
  void aConnectionResetIsAnError() {
    wm.stubFor(get(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThat(client.fetch(connector(), null).result()).isEqualTo(PollResult.ERROR);
  }

  @Test
  void aRefusedConnectionIsAnError() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ConnectorConfig closed = new ConnectorConfig("img01", "http://127.0.0.1:" + port, "tok", null, 60L, 1L, null);
    assertThat(client.fetch(closed, null).result()).isEqualTo(PollResult.ERROR);
  }

  @Test
  void bodiesThatAreNotAValidInventoryAreMalformed() {
    for (String body : new String[] {"{not json", "[]", "{\"version\":2,\"folders\":[]}",
        Inventories.sample().replace("\"depth\":5", "\"depth\":-5"),
        Inventories.sample().replace("\"current\":false", "\"current\":true"),
        Inventories.sample().replace("\"free_bytes\":400000,", ""),
        Inventories.sample() + "trailing"}) {
      wm.stubFor(get(PATH).willReturn(okJson(body)));
      assertThat(client.fetch(connector(), null).result()).as(body).isEqualTo(PollResult.MALFORMED);
    }
  }

  @Test
  void aBodyLargerThanTheLimitIsRefused() {
    wm.stubFor(get(PATH).willReturn(okJson(Inventories.sample())));
    assertThat(client.fetch(connector(1, 1_000), null).result()).isEqualTo(PollResult.OVERSIZED);
  }

  @Test
  void chainsAreAskedNextToTheInventoryUrlWithTheNamesEncoded() {
    wm.stubFor(get(urlPathEqualTo("/vigil/api/v1/chains")).willReturn(okJson("{\"version\":1,\"chains\":[]}")));
    ConnectorConfig prefixed = new ConnectorConfig("img01", wm.baseUrl() + "/vigil/api/v1/inventory", "tok", null, 60L, 1L, 4096L);
    ChainsFetch fetch = client.chains(prefixed, "Müller & Co", "SRV 01+2", "System Reserved_VOL?");
    assertThat(fetch.result()).isEqualTo(PollResult.OK);
    assertThat(fetch.document().get("chains").isArray()).isTrue();
    wm.verify(getRequestedFor(urlPathEqualTo("/vigil/api/v1/chains")).withHeader("Authorization", equalTo("Bearer tok"))
        .withQueryParam("customer", equalTo("Müller & Co")).withQueryParam("folder", equalTo("SRV 01+2"))
        .withQueryParam("volume", equalTo("System Reserved_VOL?")));
  }

  @Test
  void readingStopsOnceTheLimitIsPassed() throws Exception {
    assertThat(ConnectorClient.readAtMost(new ByteArrayInputStream(new byte[10_000]), 9_999)).isNull();
    assertThat(ConnectorClient.readAtMost(new ByteArrayInputStream(new byte[10_000]), 10_000)).hasSize(10_000);
  }
}
