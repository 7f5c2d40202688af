package io.vigil.it.observe;

import static io.vigil.it.observe.ObserveSupport.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An Alertmanager webhook receiver on loopback that records every notification; the receiver's name is
 * the request path ({@code /RECEIVER}).
 */
final class WebhookRecorder implements AutoCloseable {
    record Notification(Instant received, String receiver, JsonNode body) {
        boolean hasAlert(String status, String alertname) {
            for (JsonNode a : body.path("alerts")) {
                if (a.path("status").asText().equals(status) && a.path("labels").path("alertname").asText().equals(alertname)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final HttpServer server;
    private final List<Notification> received = new ArrayList<>();

    WebhookRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode body = JSON.readTree(in.readNBytes(4 << 20));
                synchronized (received) {
                    received.add(new Notification(Instant.now(), exchange.getRequestURI().getPath().substring(1), body));
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String receiver) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + receiver;
    }

    List<Notification> notifications() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
