package io.vigil.http;

import io.vigil.history.JobNights;
import io.vigil.history.Night;
import io.vigil.history.NightlyHistory;
import io.vigil.history.Nights;
import io.vigil.history.SuccessRate;
import io.vigil.history.TooManyNights;
import io.vigil.push.Names;
import io.vigil.store.HistoryScope;
import io.vigil.store.StoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /tenants/{account}/history?customer=&from=YYYY-MM-DD&to=YYYY-MM-DD: each job's nights and the success rates per
 * job, device, customer and tenant, JSON. Without {@code to} up to tonight, without {@code from} the 7 nights to it.
 */
record HistoryHandler(NightlyHistory history) implements TenantHandler {
  private static final int DEFAULT_NIGHTS = 7;

  @Override
  public void handle(String account, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String customer = request.getParameter("customer");
    if (customer != null && customer.isBlank()) {
      customer = null;
    }
    LocalDate to;
    LocalDate from;
    try {
      to = request.getParameter("to") != null ? LocalDate.parse(request.getParameter("to")) : history.tonight(account);
      from = request.getParameter("from") != null ? LocalDate.parse(request.getParameter("from")) : to.minusDays(DEFAULT_NIGHTS - 1);
    } catch (DateTimeParseException e) {
      Json.error(response, 400, "from and to must be days YYYY-MM-DD, such as 2026-11-01");
      return;
    }
    long nights = ChronoUnit.DAYS.between(from, to) + 1;
    if (nights < 1) {
      Json.error(response, 400, "from (" + from + ") must not be after to (" + to + ")");
      return;
    }
    if (nights > NightlyHistory.MAX_NIGHTS) {
      Json.error(response, 400, "from " + from + " to " + to + " is " + nights + " nights; ask for at most " + NightlyHistory.MAX_NIGHTS);
      return;
    }
    Nights result;
    try {
      result = history.nights(customer == null ? HistoryScope.tenant(account) : HistoryScope.customer(account, Names.normalize(customer)),
          from, to);
    } catch (StoreException e) {
      Json.error(response, 503, "the run history cannot be read now: " + e.getMessage());
      return;
    } catch (TooManyNights e) {
      Json.error(response, 400, e.getMessage());
      return;
    }
    Json.send(response, 200, describe(account, customer, result));
  }

  private static Map<String, Object> describe(String account, String customer, Nights nights) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tenant", account);
    body.put("customer", customer);
    body.put("from", nights.from().toString());
    body.put("to", nights.to().toString());
    body.put("time_zone", nights.zone().getId());
    body.put("day_start", nights.dayStart().toString());
    body.put("roll_up", nights.rollUp().label());
    body.put("success_rate", rate(nights.rate()));
    List<Map<String, Object>> customers = new ArrayList<>();
    nights.customerRates().forEach((name, rate) -> customers.add(row(Map.of("customer", name), rate)));
    body.put("customers", customers);
    List<Map<String, Object>> devices = new ArrayList<>();
    nights.deviceRates().forEach((key, rate) -> devices.add(row(Map.of("customer", key.customer(), "device", key.device()), rate)));
    body.put("devices", devices);
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (JobNights job : nights.jobs()) {
      Map<String, Object> item = row(Map.of(), job.rate());
      item.put("customer", job.job().customer());
      item.put("device", job.job().device());
      item.put("job", job.job().job());
      item.put("nights", job.nights().stream().map(HistoryHandler::night).toList());
      jobs.add(item);
    }
    body.put("jobs", jobs);
    return body;
  }

  private static Map<String, Object> row(Map<String, String> names, SuccessRate rate) {
    Map<String, Object> row = new LinkedHashMap<>();
    names.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> row.put(e.getKey(), e.getValue()));
    row.put("success_rate", rate(rate));
    return row;
  }

  private static Map<String, Object> rate(SuccessRate rate) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("successful_days", rate.successfulDays());
    out.put("expected_days", rate.expectedDays());
    out.put("rate", rate.rate());
    return out;
  }

  private static Map<String, Object> night(Night night) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("day", night.day().toString());
    out.put("result", night.result().label());
    out.put("runs", night.runs());
    return out;
  }
}
