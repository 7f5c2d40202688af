package io.vigil.http;

import io.vigil.state.StoreUnavailableException;
import io.vigil.state.Write;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** Waits for a write to be durable; answers 503 with Retry-After when it was not made so (and never will be). */
final class Durably {
  private Durably() {}

  static <T> Optional<T> await(Write<T> write, HttpServletResponse response) throws IOException {
    try {
      return Optional.of(write.await());
    } catch (StoreUnavailableException e) {
      response.setHeader("Retry-After", "5");
      Json.error(response, 503, e.getMessage() + "; nothing was acknowledged, send it again");
      return Optional.empty();
    }
  }
}
