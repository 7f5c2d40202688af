package io.vigil.report;

import io.vigil.config.LiveConfig;
import io.vigil.config.ReportsConfig;
import io.vigil.config.SmtpConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.model.Delivery;
import io.vigil.model.DeliveryKey;
import io.vigil.state.StoreUnavailableException;
import io.vigil.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails the reports that are due ({@link DueReport}), on one thread that looks every {@code reports.check_interval_seconds}:
 * composes the mail, claims the delivery in the store, hands the mail to the relay, records the outcome
 * ({@link Delivery} has the rule that makes each report go out once). A failed send is tried again after its pause. Only
 * the store decides; the sets here just spare it a claim for what it has already answered.
 */
public final class ReportScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);
  /** How far back the deliveries already settled are read at start: the oldest report that can still be due. */
  private static final Duration SETTLED_LOOKBACK = Duration.ofDays(62);
  /** SMTP round trips of a send besides one per recipient (greeting, EHLO, STARTTLS, EHLO, AUTH, MAIL, DATA, end of data). */
  private static final int ROUND_TRIPS = 8;

  private final LiveConfig config;
  private final Clock clock;
  private final DeliveryLedger ledger;
  private final MailComposer composer;
  private final Function<SmtpConfig, Mailer> mailers;
  private final DeliveryMetrics metrics;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(new BackgroundThreads("vigil-reports"));
  private final Set<DeliveryKey> settled = new HashSet<>();
  private final Map<DeliveryKey, Instant> waiting = new HashMap<>();
  private boolean loaded;

  /**
   * Makes the mail of a due report, or none when there is nothing to report (a customer without jobs, devices or chains
   * that month). It may fail (the report cannot be read now): it is tried again at the next pass.
   */
  @FunctionalInterface
  public interface MailComposer {
    Optional<OutgoingMail> compose(DueReport due) throws Exception;
  }

  public ReportScheduler(LiveConfig config, Clock clock, DeliveryLedger ledger, MailComposer composer, Function<SmtpConfig, Mailer> mailers,
      DeliveryMetrics metrics) {
    this.config = config;
    this.clock = clock;
    this.ledger = ledger;
    this.composer = composer;
    this.mailers = mailers;
    this.metrics = metrics;
  }

  /** Starts looking for due reports now, then every check interval. */
  public void start() {
    long every = config.current().reports().checkInterval().toMillis();
    thread.scheduleWithFixedDelay(this::tickSafely, 0, every, TimeUnit.MILLISECONDS);
  }

  private void tickSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.error("report delivery pass failed; trying again at the next one", e);
    }
  }

  /**
   * One pass: every due report not yet settled is claimed and sent. Runs on the scheduler's thread once started; tests that
   * drive it with their own clock call it on theirs and never start it.
   */
  public void runOnce() {
    VigilConfig cfg = config.current();
    SmtpConfig smtp = cfg.reports().smtp();
    if (smtp == null || !ledger.leads()) {
      return;
    }
    Instant now = clock.instant();
    if (!loaded) {
      loaded = loadSettled(now);
    }
    Set<DeliveryKey> due = new HashSet<>();
    for (TenantConfig tenant : cfg.tenants()) {
      for (DueReport report : DueReport.of(tenant, cfg.timeZoneFor(tenant.account()), now)) {
        due.add(report.key());
        if (!settled.contains(report.key()) && !now.isBefore(waiting.getOrDefault(report.key(), Instant.MIN))) {
          deliver(report, cfg.reports(), mailers.apply(smtp), lease(smtp, report));
        }
      }
    }
    settled.retainAll(due);
    waiting.keySet().retainAll(due);
  }

  private boolean loadSettled(Instant now) {
    try {
      ledger.since(now.minus(SETTLED_LOOKBACK)).stream().filter(Delivery::settled).forEach(d -> settled.add(d.key()));
      return true;
    } catch (StoreException e) {
      log.warn("cannot read the report deliveries ({}); each due report is claimed in the store instead", e.getMessage());
      return false;
    }
  }

  /** Longer than a send can take: each round trip is bounded by the relay timeout. */
  private static Duration lease(SmtpConfig smtp, DueReport report) {
    return smtp.timeout().multipliedBy(ROUND_TRIPS + report.recipients().size());
  }

  private void deliver(DueReport report, ReportsConfig settings, Mailer mailer, Duration lease) {
    DeliveryKey key = report.key();
    Optional<OutgoingMail> mail;
    try {
      mail = composer.compose(report);
    } catch (Exception e) {
      log.warn("cannot compose the {} report {} of tenant {} ({}); trying again at the next pass", key.report(), key.period(),
          key.tenant(), e.getMessage());
      return;
    }
    DeliveryLedger.Claim claim;
    try {
      claim = ledger.claim(key, clock.instant(), lease);
    } catch (StoreUnavailableException e) {
      log.warn("cannot claim the {} report {} of tenant {} in the store ({}); trying again at the next pass", key.report(),
          key.period(), key.tenant(), e.getMessage());
      return;
    }
    if (claim.claimed() == null) {
      remember(claim.current());
      return;
    }
    Delivery claimed = claim.claimed();
    Delivery outcome;
    if (mail.isEmpty()) {
      outcome = claimed.skipped(clock.instant());
      log.info("not mailing the {} report {} of tenant {} for {}: nothing to report", key.report(), key.period(), key.tenant(),
          key.subject());
    } else {
      outcome = send(claimed, mail.get(), mailer, settings);
    }
    try {
      if (ledger.settle(claimed, outcome)) {
        remember(outcome);
      }
    } catch (StoreUnavailableException e) {
      // The claim stays; once its lease ends it is taken again (a sent mail would then go again, with its Message-ID).
      log.error("cannot record the outcome of the {} report {} of tenant {}: {}", key.report(), key.period(), key.tenant(),
          e.getMessage());
    }
  }

  private Delivery send(Delivery claimed, OutgoingMail mail, Mailer mailer, ReportsConfig settings) {
    DeliveryKey key = claimed.key();
    Delivery outcome;
    try {
      mailer.send(mail);
      outcome = claimed.sent(clock.instant());
      metrics.counted(DeliveryMetrics.SENT);
      log.info("mailed the {} report {} of tenant {}{} to {} recipient(s) (attempt {})", key.report(), key.period(), key.tenant(),
          key.subject().isEmpty() ? "" : " for " + key.subject(), mail.to().size(), claimed.attempts());
    } catch (Mailer.MailFailure e) {
      outcome = claimed.failed(clock.instant(), e.getMessage(), settings.retryAfter(claimed.attempts()), settings.maxAttempts());
      metrics.counted(outcome.settled() ? DeliveryMetrics.GAVE_UP : DeliveryMetrics.FAILED);
      log.warn("attempt {} to mail the {} report {} of tenant {} failed: {}; {}", claimed.attempts(), key.report(), key.period(),
          key.tenant(), e.getMessage(), outcome.settled() ? "gave up" : "next attempt at " + outcome.until());
    }
    return outcome;
  }

  private void remember(Delivery delivery) {
    if (delivery.settled()) {
      settled.add(delivery.key());
    } else {
      waiting.put(delivery.key(), delivery.until());
    }
  }

  /** Stops looking; a send in flight ends within the relay timeout (its socket reads are bounded) or is abandoned. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      SmtpConfig smtp = config.current().reports().smtp();
      long wait = smtp == null ? 1 : smtp.timeout().toSeconds() * 2;
      if (!thread.awaitTermination(wait, TimeUnit.SECONDS)) {
        log.warn("the report scheduler did not stop within {} s; its claim is taken again after its lease", wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
