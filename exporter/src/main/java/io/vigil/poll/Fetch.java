package io.vigil.poll;

/**
 * What one request to a connector gave: the result, and for {@link PollResult#OK} the inventory and
 * its ETag. {@code detail} says what went wrong, for logs.
 */
public record Fetch(PollResult result, Inventory inventory, String etag, String detail) {
  static Fetch failed(PollResult result, String detail) {
    return new Fetch(result, null, null, detail);
  }
}
