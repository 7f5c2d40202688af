package io.vigil.config;

import java.util.List;
import java.util.Optional;

/**
 * A tenant's reports: its daily digest and monthly reports (each may be null: not mailed, still served over HTTP), the
 * branding of its customers' reports, and each customer's recipients of the monthly report. Their times are in the
 * tenant's time zone ({@code tenants[].time_zone}).
 */
public record TenantReports(DigestSchedule dailyDigest, MonthlySchedule monthly, Branding branding, List<ReportRecipients> customers) {
  public TenantReports {
    customers = customers != null ? List.copyOf(customers) : List.of();
  }

  public static TenantReports standard() {
    return new TenantReports(null, null, null, null);
  }

  public Optional<ReportRecipients> recipientsOf(String customer) {
    return customers.stream().filter(c -> customer.equals(c.customer())).findFirst();
  }

  /** The daily digest: sent every day at {@code time} (HH:MM in the tenant's time zone) to the {@code recipients}. */
  public record DigestSchedule(String time, List<String> recipients) {
    public DigestSchedule {
      time = time != null ? time : "07:00";
      recipients = recipients != null ? List.copyOf(recipients) : List.of();
    }
  }

  /** The monthly report of the month before, sent on {@code day} (1-28) at {@code time} to each customer's recipients. */
  public record MonthlySchedule(Integer day, String time) {
    public MonthlySchedule {
      day = day != null ? day : 1;
      time = time != null ? time : "08:00";
    }
  }

  /**
   * What the tenant's customers see at the top of their reports and of the console's pages: {@code name} (else the tenant's), a logo
   * ({@code logoFile}: PNG, JPEG or SVG, embedded), colours as {@code #RRGGBB} and a contact line.
   */
  public record Branding(String name, String logoFile, String primaryColour, String accentColour, String contact) {
    public Branding {
      primaryColour = primaryColour != null ? primaryColour : "#1f4e79";
      accentColour = accentColour != null ? accentColour : "#2e86c1";
    }

    public static Branding standard() {
      return new Branding(null, null, null, null, null);
    }
  }

  /** Who receives one customer's monthly report. */
  public record ReportRecipients(String customer, List<String> recipients) {
    public ReportRecipients {
      recipients = recipients != null ? List.copyOf(recipients) : List.of();
    }
  }
}
