package io.vigil.connector.http;

import io.vigil.connector.inventory.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /api/v1/chains?customer=C&folder=F&volume=V}: every file of one volume's chains, from the same
 * scan as the inventory, with the same token and ETag rules.
 */
public final class ChainDetailsHandler extends AuthorizedHandler {

    private static final List<String> PARAMETERS = List.of("customer", "folder", "volume");
    private static final int MAX_PARAMETER_LENGTH = 1024;

    private final Supplier<Snapshot> inventory;

    public ChainDetailsHandler(Supplier<Snapshot> inventory, BearerTokenAuth auth) {
        super(auth);
        this.inventory = inventory;
    }

    @Override
    void serve(Request request, Response response, Callback callback) {
        Fields query;
        try {
            query = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            Responses.error(request, response, callback, 400, "bad_request", "the query string cannot be decoded");
            return;
        }
        List<String> values = new ArrayList<>();
        for (String name : PARAMETERS) {
            List<String> given = query.getValues(name);
            if (given == null || given.size() != 1 || given.get(0).isEmpty()
                    || given.get(0).length() > MAX_PARAMETER_LENGTH) {
                Responses.error(request, response, callback, 400, "bad_request",
                        "give customer, folder and volume, each once (e.g. ?customer=acme&folder=SRV01&volume=C_VOL)");
                return;
            }
            values.add(given.get(0));
        }
        Snapshot snapshot = inventory.get();
        response.getHeaders().put("X-Vigil-Last-Scan", snapshot.lastScan().toString());
        Optional<Snapshot.Document> details = snapshot.chainDetails(values.get(0), values.get(1), values.get(2));
        if (details.isEmpty()) {
            Responses.error(request, response, callback, 404, "not_found",
                    "no such volume in that folder of the inventory");
            return;
        }
        document(request, response, callback, details.get().body(), details.get().etag());
    }
}
