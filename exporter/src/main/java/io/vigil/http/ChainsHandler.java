package io.vigil.http;

import io.vigil.poll.ChainGraphs;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET /tenants/{account}/chains?connector=&folder=&volume=: the image graph of one volume's chains from that tenant's
 * connector ({@link ChainGraphs}), passed on as the connector wrote it.
 */
record ChainsHandler(ChainGraphs graphs) implements TenantHandler {
  @Override
  public void handle(String account, HttpServletRequest request, HttpServletResponse response) throws IOException {
    ChainGraphs.Graph graph = graphs.fetch(account, request.getParameter("connector"), request.getParameter("folder"),
        request.getParameter("volume"));
    if (graph.status() == 200) {
      Json.send(response, 200, graph.document());
      return;
    }
    if (graph.status() == 503) {
      response.setHeader("Retry-After", "1");
    }
    Json.error(response, graph.status(), graph.message());
  }
}
