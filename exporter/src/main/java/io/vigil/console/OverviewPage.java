package io.vigil.console;

import java.time.LocalDate;
import java.util.List;

/**
 * Overnight status across a tenant's customers: the counts per status of the whole tenant, then one page of
 * customers (worst first, then by name) that match the status filter and the search, with their own counts and
 * their last nights.
 */
public record OverviewPage(List<Count> totals, String status, String query, List<String> statuses, List<LocalDate> nights,
    List<CustomerRow> rows,
    int matching, int page, int pages, String previous, String next) {
  /** How many jobs or devices have a status ({@code failed}, {@code unavailable}...). */
  public record Count(String status, long count) {}

  /**
   * {@code worst} is the worst status among the customer's jobs, devices and chains now; {@code nights} the worst of
   * its jobs' results per night, one per {@link OverviewPage#nights}.
   */
  public record CustomerRow(String customer, String link, String worst, List<Count> counts, List<NightGrid.Cell> nights) {}
}
