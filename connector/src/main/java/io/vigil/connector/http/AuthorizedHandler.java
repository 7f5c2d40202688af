package io.vigil.connector.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A GET/HEAD endpoint behind the bearer token that serves a JSON document with a strong ETag:
 * {@code If-None-Match} with the current tag gets 304 and no body.
 */
abstract class AuthorizedHandler extends Handler.Abstract {

    private final BearerTokenAuth auth;

    AuthorizedHandler(BearerTokenAuth auth) {
        this.auth = auth;
    }

    @Override
    public final boolean handle(Request request, Response response, Callback callback) {
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
        serve(request, response, callback);
        return true;
    }

    abstract void serve(Request request, Response response, Callback callback);

    static void document(Request request, Response response, Callback callback, byte[] body, String etag) {
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        if (EntityTags.matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            callback.succeeded();
            return;
        }
        Responses.json(request, response, callback, 200, body);
    }
}
