package io.vigil.http;

import io.vigil.config.LiveConfig;
import io.vigil.push.Names;
import io.vigil.report.ReportQueue;
import io.vigil.report.Reports;
import io.vigil.store.StoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GET /tenants/{account}/reports/monthly?customer=&month=YYYY-MM&format=pdf|html: one customer's monthly report (by
 * default of the month of the tenant's newest finished night, so the month just ended until the first night of a month
 * ends; PDF by default). A customer the tenant has no job, device or chain
 * of in that month is 404.
 */
record MonthlyReportHandler(Reports reports, LiveConfig config) implements TenantHandler {
  private static final Pattern MONTH = Pattern.compile("(19[7-9]\\d|2\\d\\d\\d)-(0[1-9]|1[0-2])");

  @Override
  public void handle(String account, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String customer = request.getParameter("customer");
    int maxName = config.current().limits().maxNameLength();
    if (customer == null || customer.isBlank() || customer.length() > maxName) {
      Json.error(response, 400, "customer is a required query parameter of 1-" + maxName + " characters; month (YYYY-MM) and format"
          + " (pdf or html) are optional");
      return;
    }
    String monthParam = request.getParameter("month");
    if (monthParam != null && !MONTH.matcher(monthParam).matches()) {
      Json.error(response, 400, "month must be YYYY-MM, such as 2026-11");
      return;
    }
    String format = request.getParameter("format") == null ? "pdf" : request.getParameter("format");
    if (!format.equals("pdf") && !format.equals("html")) {
      Json.error(response, 400, "format must be pdf or html");
      return;
    }
    YearMonth month = monthParam != null ? YearMonth.parse(monthParam) : reports.defaultMonth(account);
    Optional<Reports.Document> document;
    try {
      document = reports.monthlyDocument(account, Names.normalize(customer), month, format.equals("pdf"));
    } catch (StoreException e) {
      Json.error(response, 503, "the run history cannot be read now: " + e.getMessage());
      return;
    } catch (IOException e) {
      Json.error(response, 503, "the PDF cannot be rendered now: " + e.getMessage());
      return;
    } catch (ReportQueue.Full e) {
      response.setHeader("Retry-After", "5");
      Json.error(response, 503, e.getMessage());
      return;
    }
    if (document.isEmpty()) {
      Json.error(response, 404, "tenant '" + account + "' has no job, device or image chain of customer '" + customer + "' in " + month);
      return;
    }
    if (format.equals("html")) {
      Documents.send(response, "text/html; charset=utf-8", document.get().body());
      return;
    }
    response.setHeader("Content-Disposition", "inline; filename=\"" + document.get().fileName() + "\"");
    Documents.send(response, "application/pdf", document.get().body());
  }
}
