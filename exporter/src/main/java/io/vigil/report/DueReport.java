package io.vigil.report;

import io.vigil.config.TenantConfig;
import io.vigil.config.TenantReports;
import io.vigil.model.DeliveryKey;
import io.vigil.push.Names;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A report that is due to be mailed: the newest occurrence of each of a tenant's schedules at or before now, in the
 * tenant's time zone. An older occurrence that was never sent (the exporter was down through two of them) is
 * superseded by the newer one: a digest of yesterday's state or last month's report is not sent late twice over.
 */
public record DueReport(DeliveryKey key, List<String> recipients) {
  public static final String DAILY = "daily";
  public static final String MONTHLY = "monthly";

  public DueReport {
    recipients = List.copyOf(recipients);
  }

  /**
   * The tenant's due reports at {@code now}, its schedules read in {@code zone}: its digest (dated the day it is due) and
   * last month's customer reports.
   */
  public static List<DueReport> of(TenantConfig tenant, ZoneId zone, Instant now) {
    TenantReports reports = tenant.reports();
    List<DueReport> due = new ArrayList<>();
    if (reports.dailyDigest() != null) {
      LocalTime at = LocalTime.parse(reports.dailyDigest().time());
      LocalDate today = now.atZone(zone).toLocalDate();
      LocalDate day = !ZonedDateTime.of(today, at, zone).toInstant().isAfter(now) ? today : today.minusDays(1);
      due.add(new DueReport(new DeliveryKey(tenant.account(), DAILY, "", day.toString()), reports.dailyDigest().recipients()));
    }
    if (reports.monthly() != null) {
      LocalTime at = LocalTime.parse(reports.monthly().time());
      YearMonth thisMonth = YearMonth.from(now.atZone(zone));
      YearMonth sending = !ZonedDateTime.of(thisMonth.atDay(reports.monthly().day()), at, zone).toInstant().isAfter(now) ? thisMonth
          : thisMonth.minusMonths(1);
      String period = sending.minusMonths(1).toString();
      for (TenantReports.ReportRecipients customer : reports.customers()) {
        due.add(new DueReport(new DeliveryKey(tenant.account(), MONTHLY, Names.normalize(customer.customer()), period),
            customer.recipients()));
      }
    }
    return due;
  }
}
