package io.vigil.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's daily digest: what is wrong now and what went wrong in the night before ({@code nightFrom} to
 * {@code generatedAt}), grouped by customer (connectors, which belong to no customer, under {@link #CONNECTORS}).
 * Nothing listed is the explicit all-clear.
 */
public record DailyDigest(String tenant, String tenantName, LocalDate day, String timeZone, Instant nightFrom, Instant generatedAt,
    List<CustomerIssues> customers) {
  /** The group of a tenant's connectors, which belong to no customer. */
  public static final String CONNECTORS = "";

  public DailyDigest {
    customers = List.copyOf(customers);
  }

  public boolean allClear() {
    return customers.isEmpty();
  }

  /** How many of each kind, over every customer, in the order of the kinds. */
  public Map<IssueKind, Integer> counts() {
    Map<IssueKind, Integer> counts = new EnumMap<>(IssueKind.class);
    customers.forEach(c -> c.counts().forEach((kind, n) -> counts.merge(kind, n, Integer::sum)));
    return counts;
  }

  public int total() {
    return customers.stream().mapToInt(c -> c.issues().size()).sum();
  }

  /** One customer's issues, in the order of their kinds, then subjects. */
  public record CustomerIssues(String customer, List<Issue> issues) {
    public CustomerIssues {
      issues = List.copyOf(issues);
    }

    public Map<IssueKind, Integer> counts() {
      Map<IssueKind, Integer> counts = new EnumMap<>(IssueKind.class);
      issues.forEach(i -> counts.merge(i.kind(), 1, Integer::sum));
      return counts;
    }
  }
}
