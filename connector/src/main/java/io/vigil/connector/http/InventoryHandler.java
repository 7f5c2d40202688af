package io.vigil.connector.http;

import io.vigil.connector.inventory.Snapshot;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /api/v1/inventory}: bearer token, then the cached inventory with a strong ETag. */
public final class InventoryHandler extends AuthorizedHandler {

    private final Supplier<Snapshot> inventory;

    public InventoryHandler(Supplier<Snapshot> inventory, BearerTokenAuth auth) {
        super(auth);
        this.inventory = inventory;
    }

    @Override
    void serve(Request request, Response response, Callback callback) {
        Snapshot snapshot = inventory.get();
        response.getHeaders().put("X-Vigil-Last-Scan", snapshot.lastScan().toString());
        document(request, response, callback, snapshot.body(), snapshot.etag());
    }
}
