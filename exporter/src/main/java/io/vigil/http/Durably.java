package io.vigil.http;

import io.vigil.state.StoreUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a write to be durable; answers 503 with Retry-After when it could not be made so. */
final class Durably {
  private static final long TIMEOUT_SECONDS = 30;

  private Durably() {}

  static <T> Optional<T> await(CompletableFuture<T> write, HttpServletResponse response) throws IOException {
    String reason;
    try {
      return Optional.of(write.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      reason = e.getCause() instanceof StoreUnavailableException u ? u.getMessage() : "the write failed";
    } catch (TimeoutException e) {
      reason = "the store did not confirm the write within " + TIMEOUT_SECONDS + " s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = "interrupted while waiting for the store";
    }
    response.setHeader("Retry-After", "5");
    Json.error(response, 503, reason + "; nothing was acknowledged, send it again");
    return Optional.empty();
  }
}
