package io.vigil.connector.http;

import io.vigil.connector.inventory.Snapshot;
import io.vigil.tls.ServerTls;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The connector's HTTP(S) server: Jetty 12 core handlers routed by exact path. */
public final class ConnectorServer implements AutoCloseable {

    public static final String INVENTORY_PATH = "/api/v1/inventory";
    public static final String CHAINS_PATH = "/api/v1/chains";
    public static final String HEALTHY_PATH = "/-/healthy";

    private final Server server;
    private final ServerConnector connector;

    public ConnectorServer(InetSocketAddress listen, Supplier<Snapshot> inventory, BearerTokenAuth auth) {
        this(listen, inventory, auth, null);
    }

    /** Serves HTTPS only when {@code tls} is given (see {@link ServerTls}). */
    public ConnectorServer(InetSocketAddress listen, Supplier<Snapshot> inventory, BearerTokenAuth auth, ServerTls tls) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("connector-http");
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        connector = ServerTls.connector(server, 1, 1, config, tls);
        connector.setHost(listen.getHostString());
        connector.setPort(listen.getPort());
        server.addConnector(connector);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
        server.setHandler(new Router(Map.of(INVENTORY_PATH, new InventoryHandler(inventory, auth),
                CHAINS_PATH, new ChainDetailsHandler(inventory, auth), HEALTHY_PATH, new HealthHandler())));
    }

    public ConnectorServer start() throws Exception {
        server.start();
        return this;
    }

    /** The bound port (useful after listening on port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the HTTP server", e);
        }
    }

    public void join() throws InterruptedException {
        server.join();
    }

    private static final class Router extends Handler.AbstractContainer {
        private final Map<String, Handler> routes;

        Router(Map<String, Handler> routes) {
            this.routes = Map.copyOf(routes);
            this.routes.values().forEach(this::addBean);
        }

        @Override
        public List<Handler> getHandlers() {
            return List.copyOf(routes.values());
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Handler handler = routes.get(Request.getPathInContext(request));
            if (handler == null) {
                Responses.error(request, response, callback, 404, "not_found",
                        "try " + INVENTORY_PATH + ", " + CHAINS_PATH + " or " + HEALTHY_PATH);
                return true;
            }
            return handler.handle(request, response, callback);
        }
    }
}
