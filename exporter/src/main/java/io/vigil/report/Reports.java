package io.vigil.report;

import io.vigil.config.VigilConfig;
import io.vigil.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  private final Renderer pdf;
  private final ReportQueue queue;
  private final ReportPace pace;

  /**
   * {@code pdf}: a {@link RenderProcess} in the exporter; {@code queue} makes the reports served over HTTP; {@code pace}
   * spaces them and the mailed ones alike.
   */
  public Reports(Supplier<VigilConfig> config, Clock clock, DigestBuilder digests, MonthlyBuilder monthly, Renderer pdf, ReportQueue queue,
      ReportPace pace) {
    this.config = config;
    this.clock = clock;
    this.digests = digests;
    this.monthly = monthly;
    this.pdf = pdf;
    this.queue = queue;
    this.pace = pace;
  }

  /** The tenant's digest as of now, dated today in its time zone. */
  public DailyDigest digest(String tenant) throws StoreException {
    VigilConfig cfg = config.get();
    Instant now = clock.instant();
    return digests.build(cfg, tenant, now, now.atZone(cfg.timeZoneFor(tenant)).toLocalDate());
  }

  /** The month a customer's report is of when none is asked for: that of the tenant's newest finished night. */
  public YearMonth defaultMonth(String tenant) {
    return monthly.defaultMonth(tenant);
  }

  public MonthlyReport monthly(String tenant, String customer, YearMonth month) throws StoreException {
    return monthly.build(config.get(), tenant, customer, month, clock.instant());
  }

  public byte[] pdf(MonthlyReport report) throws IOException {
    return pdf.render(MonthlyRenderer.html(report));
  }

  /**
   * A customer's monthly report as served, PDF or HTML, made on the {@link ReportQueue}'s thread at the reports' pace;
   * empty when the customer had no job, device or chain in that month.
   */
  public Optional<Document> monthlyDocument(String tenant, String customer, YearMonth month, boolean asPdf)
      throws StoreException, IOException, ReportQueue.Full {
    return queue.call(() -> pace.run(() -> {
      MonthlyReport report = monthly(tenant, customer, month);
      if (report.empty()) {
        return Optional.empty();
      }
      return Optional.of(asPdf ? new Document(MonthlyRenderer.fileName(report), pdf(report))
          : new Document(null, MonthlyRenderer.html(report).getBytes(StandardCharsets.UTF_8)));
    }));
  }

  /** A report's bytes, and the file name it is offered under (a PDF's). */
  public record Document(String fileName, byte[] body) {}

  /** XHTML to PDF. */
  @FunctionalInterface
  public interface Renderer {
    byte[] render(String xhtml) throws IOException;
  }

  /**
   * The digest always (an all-clear is news too); a monthly report with its PDF, unless it has nothing in it. Made at the
   * reports' pace.
   */
  @Override
  public Optional<OutgoingMail> compose(DueReport due) throws StoreException, IOException {
    return pace.run(() -> mail(due));
  }

  private Optional<OutgoingMail> mail(DueReport due) throws StoreException, IOException {
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
