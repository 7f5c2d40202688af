package io.vigil.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.LiveConfig;
import io.vigil.config.MailRuleConfig;
import io.vigil.config.VigilConfig;
import io.vigil.model.Report;
import io.vigil.model.UnparsedMail;
import io.vigil.push.PushKind;
import io.vigil.push.PushParser;
import io.vigil.push.PushRejected;
import io.vigil.state.Outcome;
import io.vigil.state.Recording;
import io.vigil.state.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one mail for one mailbox into durable job reports, the way a push does: the parsers (built-in, then the
 * tenant's rules) read it, the mapping fills in customer and device, the reports go through the push API's own
 * validation ({@link PushParser}) and through the same writer ({@link Recording}), and {@link #ingest} returns only once
 * they are committed. A mail nothing understands is kept, durably too, in the tenant's unparsed list. The run id of
 * each report is derived from the Message-ID, so a re-delivered mail is a duplicate, not a second run.
 */
public final class MailIngest {
  static final int MAX_EXCERPT = 2_000;
  static final int MAX_REASON = 1_000;

  private final LiveConfig config;
  private final PushParser parser;
  private final Recording recorder;
  private final Clock clock;
  private final MimeReader reader = new MimeReader();
  private final List<MailParser> builtIn = List.of(new VeeamParser(), new CsvReportParser(), new WindowsServerBackupParser(),
      new ShadowProtectParser(), new CoveParser(), new BackupAssistParser());
  /** Compiled once per rule; a reload that changes a rule makes a new entry, and the old ones age out. */
  private final Cache<MailRuleConfig, RuleParser> rules = Caffeine.newBuilder().maximumSize(10_000).build();
  private final ObjectMapper json = new ObjectMapper();

  public MailIngest(LiveConfig config, PushParser parser, Recording recorder, Clock clock) {
    this.config = config;
    this.parser = parser;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** Reads a raw message; {@code envelopeSender} stands in for a missing From. */
  public Mail read(byte[] raw, String envelopeSender) {
    return reader.read(raw, envelopeSender);
  }

  /**
   * Keeps what the mail says for the mailbox's tenant, durably; {@link MailRefused} when it cannot be kept, temporary
   * (the sending server retries) or permanent.
   */
  public MailResult ingest(Mailbox mailbox, Mail mail) throws MailRefused {
    VigilConfig current = config.current();
    Reading reading = parse(mailbox, mail, current);
    if (reading.runs.isEmpty()) {
      return keepUnparsed(mailbox, mail, reading.reason, current);
    }
    List<Report> reports;
    try {
      reports = parser.parse(PushKind.BATCH, mailbox.tenant(), body(mailbox, mail, reading, current));
    } catch (PushRejected e) {
      return keepUnparsed(mailbox, mail, reading.product + ": the report is not valid: " + e.getMessage(), current);
    }
    Outcome outcome;
    try {
      outcome = recorder.record(reports, current::entityLimitsFor).await();
    } catch (StoreUnavailableException e) {
      throw MailRefused.temporarily("4.3.0 " + e.getMessage() + "; nothing was kept, try again later");
    }
    if (outcome.overLimit() != null) {
      throw MailRefused.permanently("5.7.0 " + outcome.overLimit().message());
    }
    return outcome.accepted() == 0 ? MailResult.DUPLICATE : MailResult.ACCEPTED;
  }

  private Reading parse(Mailbox mailbox, Mail mail, VigilConfig current) {
    List<MailParser> parsers = new ArrayList<>(builtIn);
    current.tenant(mailbox.tenant()).ifPresent(t -> t.mail().rules().forEach(rule -> parsers.add(rules.get(rule, RuleParser::new))));
    String reason = null;
    for (MailParser candidate : parsers) {
      try {
        List<ParsedRun> runs = candidate.parse(mail);
        if (!runs.isEmpty()) {
          return new Reading(candidate.product(), runs, null);
        }
      } catch (NotUnderstood e) {
        reason = reason != null ? reason : e.getMessage();
      }
    }
    return new Reading(null, List.of(), reason != null ? reason
        : "no parser recognised it (built-in: Veeam, generic CSV, Windows Server Backup, ShadowProtect, Cove, BackupAssist; "
            + (parsers.size() - builtIn.size()) + " rule(s) of the tenant)");
  }

  /** The batch a push of these runs would be, with customer and device mapped and run ids derived from the Message-ID. */
  private byte[] body(Mailbox mailbox, Mail mail, Reading reading, VigilConfig current) {
    Instant now = clock.instant();
    int maxMessage = current.limits().maxMessageLength();
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < reading.runs.size(); i++) {
      ParsedRun run = reading.runs.get(i);
      String customer = first(run.customer(), mailbox.customer(), mail.senderDomain());
      String device = first(run.device(), mail.from());
      Instant ended = first(run.endedAt(), mail.date(), now);
      ended = ended.isAfter(now) ? now : ended;
      Instant started = first(run.startedAt(), ended);
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("type", PushKind.JOB_REPORT.label());
      item.put("customer", customer);
      item.put("device", device);
      item.put("job", run.job());
      item.put("run_id", runId(mail.messageId(), i, customer, device, run.job()));
      item.put("status", run.result().label());
      item.put("started_at", started.isAfter(ended) ? ended.toString() : started.toString());
      item.put("ended_at", ended.toString());
      if (run.bytes() != null) {
        item.put("bytes", run.bytes());
      }
      String message = first(run.message(), mail.subject());
      item.put("message", message.codePointCount(0, message.length()) > maxMessage
          ? message.substring(0, message.offsetByCodePoints(0, maxMessage)) : message);
      item.put("product", reading.product);
      items.add(item);
    }
    try {
      return json.writeValueAsString(Map.of("items", items)).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialise", e);
    }
  }

  /** {@code mail-} and 32 hex digits: the same mail gives the same ids, so its re-delivery is recognised as a duplicate. */
  static String runId(String messageId, int index, String customer, String device, String job) {
    String identity = String.join("\u0000", messageId, Integer.toString(index), String.valueOf(customer), String.valueOf(device),
        String.valueOf(job));
    return "mail-" + MimeReader.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }

  private MailResult keepUnparsed(Mailbox mailbox, Mail mail, String reason, VigilConfig current) throws MailRefused {
    UnparsedMail unparsed = new UnparsedMail(mailbox.tenant(), mail.messageId(), clock.instant(), mail.from(), mail.subject(),
        MimeReader.bound(reason, MAX_REASON), MimeReader.bound(mail.text(), MAX_EXCERPT));
    boolean kept;
    try {
      kept = recorder.keepUnparsed(unparsed, current.smtp().unparsedKeptPerTenant()).await();
    } catch (StoreUnavailableException e) {
      throw MailRefused.temporarily("4.3.0 " + e.getMessage() + "; nothing was kept, try again later");
    }
    return kept ? MailResult.UNPARSED : MailResult.DUPLICATE;
  }

  @SafeVarargs
  private static <T> T first(T... candidates) {
    for (T candidate : candidates) {
      if (candidate != null && !(candidate instanceof String s && s.isBlank())) {
        return candidate;
      }
    }
    return candidates[candidates.length - 1];
  }

  private record Reading(String product, List<ParsedRun> runs, String reason) {}
}
