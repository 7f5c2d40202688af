package io.vigil.mail;

import io.vigil.model.JobResult;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Windows Application log event mailed by a scheduled task that forwards it, in the layout of pastebin.com/FLu4SGiE:
 * the subject {@code HOST, MESSAGE} and the event as PowerShell's {@code Format-List} in the body ({@code Source :},
 * {@code EntryType :}, {@code InstanceId :}, {@code Message :}). Products that log each backup's result but mail
 * nothing usable themselves are read from such mails. {@code eventId} is null when the body has none.
 */
record ForwardedEvent(String host, String subjectText, String source, String entryType, Integer eventId, String message) {
  private static final Pattern SUBJECT = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,252}),\\s*(.*)");
  // One line each ([ \t], never \s): a field never spans lines, and a hostile body of blank lines stays linear.
  private static final Pattern SOURCE = field("Source");
  private static final Pattern ENTRY_TYPE = field("EntryType");
  private static final Pattern MESSAGE = field("Message");
  private static final Pattern EVENT_ID = Pattern.compile("(?m)^[ \\t]*(?:InstanceId|EventID|Id)[ \\t]*:[ \\t]*(\\d{1,10})[ \\t\\r]*$");

  private static Pattern field(String name) {
    return Pattern.compile("(?m)^[ \\t]*" + name + "[ \\t]*:[ \\t]*(\\S.*)$");
  }

  /** The event a forwarding task mailed, when its source matches {@code source}. */
  static Optional<ForwardedEvent> of(Mail mail, Pattern source) {
    return of(mail).filter(event -> event.sourceMatches(source));
  }

  /** The event a mail forwards; empty when its subject is not {@code HOST, ...} or its body names no event source. */
  static Optional<ForwardedEvent> of(Mail mail) {
    Matcher subject = SUBJECT.matcher(mail.subject());
    if (!subject.matches()) {
      return Optional.empty();
    }
    String source = value(SOURCE, mail.text());
    if (source == null) {
      return Optional.empty();
    }
    Matcher id = EVENT_ID.matcher(mail.text());
    // The InstanceId carries the severity and facility above the low 16 bits, which are the ID the Event Viewer shows.
    Integer eventId = id.find() ? (int) (Long.parseLong(id.group(1)) & 0xFFFF) : null;
    return Optional.of(new ForwardedEvent(subject.group(1), subject.group(2), source, value(ENTRY_TYPE, mail.text()), eventId,
        value(MESSAGE, mail.text())));
  }

  private static String value(Pattern field, String text) {
    Matcher m = field.matcher(text);
    return m.find() ? m.group(1).strip() : null;
  }

  private boolean sourceMatches(Pattern sources) {
    return sources.matcher(source).matches();
  }

  /** The result the entry type gives: Information success, Warning warning, Error failed. */
  JobResult resultOfEntryType() throws NotUnderstood {
    if (entryType == null) {
      throw new NotUnderstood("a " + MimeReader.clean(source) + " event without its EntryType");
    }
    return switch (entryType.toLowerCase(Locale.ROOT)) {
      case "information", "successaudit" -> JobResult.SUCCESS;
      case "warning" -> JobResult.WARNING;
      case "error", "failureaudit" -> JobResult.FAILED;
      default -> throw new NotUnderstood("a " + MimeReader.clean(source) + " event of an unknown EntryType");
    };
  }

  /** The event's message, else what the subject says after the host. */
  String text() {
    return message != null ? message : subjectText;
  }
}
