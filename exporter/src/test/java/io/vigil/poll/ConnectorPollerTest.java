package io.vigil.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.testsupport.Inventories;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler on its own: connectors are polled without being asked, and removed ones are forgotten. */
class ConnectorPollerTest {
  static final ConnectorKey KEY = new ConnectorKey("msp", "img01");
  WireMockServer wm;
  ConnectorClient client;
  ConnectorStates states;
  ConnectorPoller poller;
  final List<PollResult> results = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
    wm.start();
    wm.stubFor(get("/api/v1/inventory").willReturn(okJson(Inventories.sample())));
    client = new ConnectorClient(4);
    states = new ConnectorStates();
    poller = new ConnectorPoller(client, states, Clock.systemUTC(), results::add, 2, PollSharing.ALONE);
  }

  @AfterEach
  void stop() {
    poller.close();
    client.close();
    wm.stop();
  }

  VigilConfig config(List<ConnectorConfig> connectors) {
    return new VigilConfig(null, null, null, null, null,
        List.of(new TenantConfig("msp", null, null, null, List.of(), connectors, null, null, null)));
  }

  void awaitPolls(int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (results.size() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(results).hasSizeGreaterThanOrEqualTo(count);
  }

  @Test
  void aConfiguredConnectorIsPolledOnItsOwnScheduleAgainAndAgain() throws Exception {
    poller.update(config(List.of(new ConnectorConfig("img01", wm.baseUrl(), "t", null, 1L, 1L, null))));
    awaitPolls(2);
    assertThat(results).allMatch(r -> r == PollResult.OK);
    assertThat(states.status(KEY)).get().extracting(ConnectorStates.Status::up).isEqualTo(true);
    assertThat(states.lastGood(KEY)).isPresent();
  }

  @Test
  void aRemovedConnectorIsForgotten() throws Exception {
    poller.update(config(List.of(new ConnectorConfig("img01", wm.baseUrl(), "t", null, 3600L, 1L, null))));
    poller.pollNow();
    assertThat(states.lastGood(KEY)).isPresent();
    poller.update(config(List.of()));
    assertThat(states.status(KEY)).isEmpty();
    assertThat(states.lastGood(KEY)).isEmpty();
  }
}
