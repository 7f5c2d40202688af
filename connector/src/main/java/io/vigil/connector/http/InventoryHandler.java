package io.vigil.connector.http;

import io.vigil.connector.inventory.Snapshot;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/v1/inventory}: bearer token, then the cached inventory with a strong ETag;
 * {@code If-None-Match} with the current tag gets 304 and no body.
 */
public final class InventoryHandler extends Handler.Abstract {

    private final Supplier<Snapshot> inventory;
    private final BearerTokenAuth auth;

    public InventoryHandler(Supplier<Snapshot> inventory, BearerTokenAuth auth) {
        this.inventory = inventory;
        this.auth = auth;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Responses.isGetOrHead(request)) {
            Responses.methodNotAllowed(request, response, callback);
            return true;
        }
        if (!auth.allows(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"vigil-connector\"");
            Responses.error(request, response, callback, 401, "unauthorized",
                    "send Authorization: Bearer TOKEN with the connector's token");
            return true;
        }
        Snapshot snapshot = inventory.get();
        response.getHeaders().put(HttpHeader.ETAG, snapshot.etag());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Vigil-Last-Scan", snapshot.lastScan().toString());
        if (EntityTags.matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), snapshot.etag())) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        Responses.json(request, response, callback, 200, snapshot.body());
        return true;
    }
}
