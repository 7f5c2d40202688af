package io.vigil.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Query parameters that a tenant handler cannot answer without. */
final class Parameters {
  private Parameters() {}

  /**
   * The values of {@code names}, in their order; or, when one is missing, empty after answering 400 with
   * {@code whatIsRequired}.
   */
  static Optional<List<String>> required(HttpServletRequest request, HttpServletResponse response, String whatIsRequired,
      String... names) throws IOException {
    List<String> values = new ArrayList<>(names.length);
    for (String name : names) {
      String value = request.getParameter(name);
      if (value == null) {
        Json.error(response, 400, whatIsRequired);
        return Optional.empty();
      }
      values.add(value);
    }
    return Optional.of(values);
  }
}
