package io.vigil.http;

import java.util.List;

/**
 * One row of the routes table: the path (a servlet path spec), the methods it answers (empty for any), the
 * key it takes and the handler that answers once the method and the key have passed.
 */
record Route(String path, List<String> methods, Access access, Handler handler) {}
