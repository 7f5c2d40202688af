package io.vigil.connector.http;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /-/healthy}: 200 while the process serves requests. No token needed, no data shown. */
public final class HealthHandler extends Handler.Abstract {

    private static final byte[] BODY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Responses.isGetOrHead(request)) {
            Responses.methodNotAllowed(request, response, callback);
            return true;
        }
        Responses.json(request, response, callback, 200, BODY);
        return true;
    }
}
