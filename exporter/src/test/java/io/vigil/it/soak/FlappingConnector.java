package io.vigil.it.soak;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vigil.config.ConnectorConfig;
import io.vigil.testsupport.Inventories;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A connector that answers each poll with the next step of a cycle: up, 5xx, up, slower than the
 * poll timeout, up, a malformed body, and again. Step names are the exporter's poll result labels.
 */
final class FlappingConnector implements AutoCloseable {
  static final String TOKEN = "soak-connector-token";
  static final List<String> CYCLE = List.of("ok", "http_error", "ok", "timeout", "ok", "malformed");

  /** One poll the connector answered: when it arrived and with which step. */
  record Poll(Instant at, String answer) {
    boolean up() {
      return answer.equals("ok");
    }
  }

  private final WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));

  FlappingConnector(long pollTimeoutSeconds) {
    wm.start();
    for (int i = 0; i < CYCLE.size(); i++) {
      wm.stubFor(get(ConnectorConfig.INVENTORY_PATH).withHeader("Authorization", equalTo("Bearer " + TOKEN))
          .inScenario("flap").whenScenarioStateIs(state(i)).willSetStateTo(state((i + 1) % CYCLE.size()))
          .withName(CYCLE.get(i)).willReturn(answer(CYCLE.get(i), pollTimeoutSeconds)));
    }
  }

  private static String state(int step) {
    return step == 0 ? Scenario.STARTED : "step-" + step;
  }

  private static ResponseDefinitionBuilder answer(String step, long pollTimeoutSeconds) {
    return switch (step) {
      case "ok" -> okJson(Inventories.sample());
      case "http_error" -> aResponse().withStatus(503).withBody("busy");
      case "timeout" -> okJson(Inventories.sample()).withFixedDelay((int) (pollTimeoutSeconds * 1000 + 1000));
      case "malformed" -> okJson("{\"version\":1,\"folders\":[{\"customer\":\"acme\"");
      default -> throw new IllegalArgumentException(step);
    };
  }

  String url() {
    return wm.baseUrl();
  }

  /** Every poll so far, oldest first. */
  List<Poll> polls() {
    return wm.getAllServeEvents().stream()
        .map(e -> new Poll(e.getRequest().getLoggedDate().toInstant(), e.getWasMatched() ? e.getStubMapping().getName() : "unmatched"))
        .sorted(Comparator.comparing(Poll::at)).toList();
  }

  @Override
  public void close() {
    wm.stop();
  }
}
