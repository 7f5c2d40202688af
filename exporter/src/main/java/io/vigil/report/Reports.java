package io.vigil.report;

import io.vigil.config.VigilConfig;
import io.vigil.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The reports as the endpoints serve them and as the scheduler mails them: built now, from the current configuration. */
public final class Reports implements ReportScheduler.MailComposer {
  private final Supplier<VigilConfig> config;
  private final Clock clock;
  private final DigestBuilder digests;
  private final MonthlyBuilder monthly;
  private final RenderQueue pdf;

  public Reports(Supplier<VigilConfig> config, Clock clock, DigestBuilder digests, MonthlyBuilder monthly, RenderQueue pdf) {
    this.config = config;
    this.clock = clock;
    this.digests = digests;
    this.monthly = monthly;
    this.pdf = pdf;
  }

  /** The tenant's digest as of now, dated today in its time zone. */
  public DailyDigest digest(String tenant) throws StoreException {
    VigilConfig cfg = config.get();
    Instant now = clock.instant();
    return digests.build(cfg, tenant, now, now.atZone(cfg.timeZoneFor(tenant)).toLocalDate());
  }

  public MonthlyReport monthly(String tenant, String customer, YearMonth month) throws StoreException {
    return monthly.build(config.get(), tenant, customer, month, clock.instant());
  }

  public byte[] pdf(MonthlyReport report) throws IOException, RenderQueue.Full {
    return pdf.render(MonthlyRenderer.html(report));
  }

  /** The digest always (an all-clear is news too); a monthly report with its PDF, unless it has nothing in it. */
  @Override
  public Optional<OutgoingMail> compose(DueReport due) throws StoreException, IOException, RenderQueue.Full {
    String tenant = due.key().tenant();
    if (due.key().report().equals(DueReport.DAILY)) {
      DailyDigest digest = digests.build(config.get(), tenant, clock.instant(), LocalDate.parse(due.key().period()));
      return Optional.of(new OutgoingMail(due.recipients(), DigestRenderer.subject(digest), DigestRenderer.html(digest),
          DigestRenderer.text(digest), List.of(), due.key().messageId()));
    }
    MonthlyReport report = monthly(tenant, due.key().subject(), YearMonth.parse(due.key().period()));
    if (report.empty()) {
      return Optional.empty();
    }
    String html = MonthlyRenderer.html(report);
    return Optional.of(new OutgoingMail(due.recipients(), MonthlyRenderer.title(report), html, MonthlyRenderer.text(report),
        List.of(new OutgoingMail.Attachment(MonthlyRenderer.fileName(report), "application/pdf", pdf.render(html))),
        due.key().messageId()));
  }
}
