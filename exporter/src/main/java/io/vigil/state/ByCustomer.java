package io.vigil.state;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One tenant's jobs or devices grouped by customer, so that what one customer has (its report, its page) is found
 * without a pass over the whole tenant, and counted. Only the {@link Recorder}'s writer thread changes it; readers
 * iterate concurrently (weakly consistent, as a {@link ConcurrentHashMap}'s views are).
 */
final class ByCustomer<K, V> {
  private final Map<String, Map<K, V>> customers = new ConcurrentHashMap<>();
  /** Written by the writer thread alone. */
  private volatile int size;

  V get(String customer, K key) {
    Map<K, V> of = customers.get(customer);
    return of == null ? null : of.get(key);
  }

  void put(String customer, K key, V value) {
    if (customers.computeIfAbsent(customer, c -> new ConcurrentHashMap<>()).put(key, value) == null) {
      size++;
    }
  }

  void remove(String customer, K key) {
    Map<K, V> of = customers.get(customer);
    if (of != null && of.remove(key) != null) {
      size--;
      if (of.isEmpty()) {
        customers.remove(customer);
      }
    }
  }

  Collection<V> of(String customer) {
    Map<K, V> of = customers.get(customer);
    return of == null ? List.of() : Collections.unmodifiableCollection(of.values());
  }

  /** Every customer's, in no particular order. */
  Collection<V> all() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<V> iterator() {
        return new Iterator<>() {
          private final Iterator<Map<K, V>> each = customers.values().iterator();
          private Iterator<V> current = Collections.emptyIterator();

          @Override
          public boolean hasNext() {
            while (!current.hasNext() && each.hasNext()) {
              current = each.next().values().iterator();
            }
            return current.hasNext();
          }

          @Override
          public V next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return current.next();
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
