package io.vigil.connector.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Small helpers shared by the handlers: JSON bodies and JSON errors. */
final class Responses {

    static final String JSON = "application/json";

    private Responses() {}

    /** Sends {@code body} as JSON; a HEAD request gets the headers only. */
    static void json(Request request, Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** {@code {"error":CODE,"message":MESSAGE}}; both are fixed strings from this code, never user input. */
    static void error(Request request, Response response, Callback callback, int status, String code,
                      String message) {
        String body = "{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}";
        json(request, response, callback, status, body.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isGetOrHead(Request request) {
        return HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
    }

    static void methodNotAllowed(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        error(request, response, callback, 405, "method_not_allowed", "use GET or HEAD");
    }
}
