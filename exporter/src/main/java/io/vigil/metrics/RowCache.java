package io.vigil.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a renderer derives from a list of rows once per scrape (their labels, encoded or as client_java
 * {@code Labels}), shared by every family that reads the same list with the same label function, by identity.
 */
final class RowCache<T> {
  private record Key(List<?> rows, Function<?, String[]> labels, int variant) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && k.rows == rows && k.labels == labels && k.variant == variant;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(rows) * 31 + System.identityHashCode(labels) * 7 + variant;
    }
  }

  private final Map<Key, T> cache = new HashMap<>();

  /** {@code variant} tells apart what is derived differently from the same rows (the position of an extra label). */
  T of(List<?> rows, Function<?, String[]> labels, int variant, Supplier<T> derive) {
    return cache.computeIfAbsent(new Key(rows, labels, variant), k -> derive.get());
  }
}
