package io.vigil.http;

import io.vigil.config.ConnectorConfig;
import io.vigil.config.LiveConfig;
import io.vigil.poll.ChainsFetch;
import io.vigil.poll.ConnectorClient;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.PollResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * GET /tenants/{account}/chains?connector=&folder=&volume=: the image graph of one volume's chains, fetched
 * on demand from that tenant's connector ({@code /api/v1/chains}) with the poller's client (token, TLS,
 * timeout, body limit) and passed on as the connector wrote it. {@code connector}, {@code folder} and
 * {@code volume} are the labels of the volume's chain series; {@code folder} is the folder's path on the
 * connector, {@code CUSTOMER/FOLDER}, whatever customer the configuration places it under. Only the
 * connectors configured for the tenant in the path are reachable. One request per connector at a time:
 * the client's pool has two connections per connector, and the other one stays free for its polls, so
 * requests to a slow connector never make its poll time out (and the connector look down).
 */
final class ChainsHandler implements TenantHandler {
  private static final int MAX_NAME = 255;

  private final ConnectorClient client;
  private final LiveConfig config;
  private final Map<ConnectorKey, Semaphore> inFlight = new ConcurrentHashMap<>();

  ChainsHandler(ConnectorClient client, LiveConfig config) {
    this.client = client;
    this.config = config;
  }

  @Override
  public void handle(String account, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<List<String>> required = Parameters.required(request, response, "connector, folder and volume are required query"
        + " parameters: the labels of the volume's chain series (folder is CUSTOMER/FOLDER on the connector)",
        "connector", "folder", "volume");
    if (required.isEmpty()) {
      return;
    }
    String name = required.get().get(0);
    String folder = required.get().get(1);
    String volume = required.get().get(2);
    String[] path = folder.split("/", -1);
    if (path.length != 2 || !isName(path[0]) || !isName(path[1])) {
      Json.error(response, 400, "folder must be CUSTOMER/FOLDER, each 1-" + MAX_NAME + " characters without '/'");
      return;
    }
    if (!isName(volume)) {
      Json.error(response, 400, "volume must be 1-" + MAX_NAME + " characters without '/'");
      return;
    }
    Optional<ConnectorConfig> connector = config.current().tenant(account)
        .flatMap(t -> t.connectors().stream().filter(c -> c.name().equals(name)).findFirst());
    if (connector.isEmpty()) {
      Json.error(response, 404, "no connector of that name is configured for tenant '" + account + "'");
      return;
    }
    String which = "connector '" + name + "'";
    Semaphore permit = inFlight.computeIfAbsent(new ConnectorKey(account, name), k -> new Semaphore(1));
    if (!permit.tryAcquire()) {
      response.setHeader("Retry-After", "1");
      Json.error(response, 503, "a chains request to " + which + " is in flight; retry when it is answered");
      return;
    }
    ChainsFetch fetch;
    try {
      fetch = client.chains(connector.get(), path[0], path[1], volume);
    } finally {
      permit.release();
    }
    if (fetch.result() == PollResult.OK) {
      Json.send(response, 200, fetch.document());
    } else if (fetch.status() == 404) {
      Json.error(response, 404, which + " has no volume '" + volume + "' in folder '" + folder + "'");
    } else if (fetch.result() == PollResult.TIMEOUT) {
      Json.error(response, 504, which + " did not answer in time: " + fetch.detail());
    } else {
      Json.error(response, 502, which + " failed: " + fetch.result().label() + " (" + fetch.detail() + ")");
    }
  }

  private static boolean isName(String value) {
    return !value.isBlank() && value.length() <= MAX_NAME && !value.contains("/");
  }
}
