package io.vigil.poll;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.LiveConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The image graph of one volume's chains, fetched on demand from a tenant's connector ({@code /api/v1/chains}) with
 * the poller's client (token, TLS, timeout, body limit): what the chains endpoint serves and the console's chain
 * visualiser draws. {@code connector}, {@code folder} and {@code volume} are the labels of the volume's chain series;
 * {@code folder} is the folder's path on the connector, {@code CUSTOMER/FOLDER}, whatever customer the configuration
 * places it under. Only the connectors configured for the tenant are reachable. One request per connector at a time:
 * the client's pool has two connections per connector, and the other one stays free for its polls, so requests to a
 * slow connector never make its poll time out (and the connector look down).
 */
public final class ChainGraphs {
  private static final int MAX_NAME = 255;

  private final ConnectorClient client;
  private final LiveConfig config;
  private final Map<ConnectorKey, Semaphore> inFlight = new ConcurrentHashMap<>();

  public ChainGraphs(ConnectorClient client, LiveConfig config) {
    this.client = client;
    this.config = config;
  }

  /**
   * The answer: {@code status} 200 with the connector's document as it wrote it, else an HTTP status (400 bad
   * parameters, 404 unknown connector or volume, 503 a request in flight, 504 timeout, 502 other failure) and a
   * message saying why.
   */
  public record Graph(int status, ObjectNode document, String message) {
    static Graph refused(int status, String message) {
      return new Graph(status, null, message);
    }
  }

  public Graph fetch(String account, String name, String folder, String volume) {
    if (name == null || folder == null || volume == null) {
      return Graph.refused(400, "connector, folder and volume are required query parameters: the labels of the volume's chain series"
          + " (folder is CUSTOMER/FOLDER on the connector)");
    }
    String[] path = folder.split("/", -1);
    if (path.length != 2 || !isName(path[0]) || !isName(path[1])) {
      return Graph.refused(400, "folder must be CUSTOMER/FOLDER, each 1-" + MAX_NAME + " characters without '/'");
    }
    if (!isName(volume)) {
      return Graph.refused(400, "volume must be 1-" + MAX_NAME + " characters without '/'");
    }
    Optional<ConnectorConfig> connector = config.current().tenant(account)
        .flatMap(t -> t.connectors().stream().filter(c -> c.name().equals(name)).findFirst());
    if (connector.isEmpty()) {
      return Graph.refused(404, "no connector of that name is configured for tenant '" + account + "'");
    }
    String which = "connector '" + name + "'";
    Semaphore permit = inFlight.computeIfAbsent(new ConnectorKey(account, name), k -> new Semaphore(1));
    if (!permit.tryAcquire()) {
      return Graph.refused(503, "a chains request to " + which + " is in flight; retry when it is answered");
    }
    ChainsFetch fetch;
    try {
      fetch = client.chains(connector.get(), path[0], path[1], volume);
    } finally {
      permit.release();
    }
    if (fetch.result() == PollResult.OK) {
      return new Graph(200, fetch.document(), null);
    } else if (fetch.status() == 404) {
      return Graph.refused(404, which + " has no volume '" + volume + "' in folder '" + folder + "'");
    } else if (fetch.result() == PollResult.TIMEOUT) {
      return Graph.refused(504, which + " did not answer in time: " + fetch.detail());
    }
    return Graph.refused(502, which + " failed: " + fetch.result().label() + " (" + fetch.detail() + ")");
  }

  private static boolean isName(String value) {
    return !value.isBlank() && value.length() <= MAX_NAME && !value.contains("/");
  }
}
