package io.vigil.mail;

import io.vigil.model.JobResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Veeam Backup &amp; Replication and Veeam Agent job notifications. The subject is Veeam's default
 * {@code [%JobResult%] %JobName% (%ObjectCount% objects) %Issues%} (Veeam Help Center, "Configuring Global Email
 * Notification Settings"; Veeam Backup for AWS names them "instances"), with the result Success, Warning or Failed.
 * The report's body gives the session's Duration and the data Transferred when present; the mail's date is the end.
 */
final class VeeamParser implements MailParser {
  private static final Pattern SUBJECT = Pattern.compile(
      "\\[(Success|Warning|Failed)]\\s+(.+?)\\s+\\((\\d{1,9}) (?:objects?|instances?|VMs?|machines?)\\)\\s*(.*)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION = Pattern.compile("\\bDuration[\\t :]+(\\d{1,4}):(\\d{2}):(\\d{2})\\b");
  private static final Pattern TRANSFERRED =
      Pattern.compile("\\bTransferred[\\t :]+([0-9]{1,12}(?:[.,][0-9]{1,3})?)\\s?(B|KB|MB|GB|TB)\\b");

  @Override
  public String product() {
    return "veeam";
  }

  @Override
  public List<ParsedRun> parse(Mail mail) {
    Matcher subject = SUBJECT.matcher(mail.subject());
    if (!subject.matches()) {
      return List.of();
    }
    JobResult result = JobResult.valueOf(subject.group(1).toUpperCase(Locale.ROOT));
    String job = subject.group(2);
    String issues = subject.group(4).strip();
    Instant ended = mail.date();
    Instant started = null;
    Matcher duration = DURATION.matcher(mail.text());
    if (ended != null && duration.find()) {
      started = ended.minus(Duration.ofHours(Long.parseLong(duration.group(1))).plusMinutes(Long.parseLong(duration.group(2)))
          .plusSeconds(Long.parseLong(duration.group(3))));
    }
    Matcher transferred = TRANSFERRED.matcher(mail.text());
    Long bytes = transferred.find() ? Sizes.bytes(transferred.group(1), transferred.group(2)) : null;
    String message = subject.group(3) + " object(s)" + (issues.isEmpty() ? "" : ", " + issues);
    return List.of(new ParsedRun(null, null, job, result, started, ended, bytes, message));
  }
}
