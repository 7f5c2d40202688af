package io.vigil.mail;

import io.vigil.model.JobResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Veeam job notifications, in two forms; the report's body gives the session's Duration and the data Transferred when
 * present, and the mail's date is the end.
 * <ul>
 *   <li>Veeam Backup &amp; Replication and Veeam Agent: Veeam's default subject {@code [%JobResult%] %JobName%
 *   (%ObjectCount% objects) %Issues%} (Veeam Help Center, "Configuring Global Email Notification Settings"; Veeam Backup
 *   for AWS names them "instances"), with the result Success, Warning or Failed.</li>
 *   <li>Veeam Agent for Linux, which mails nothing itself, through vee-mail (github.com/grufocom/vee-mail,
 *   vee-mail.sh and vee_mail_template.html): the subject {@code [STATUS] HOSTNAME - START} with the same results and
 *   the host in upper case, an HTML body in the layout of Veeam's report that names "Veeam Agent for Linux" and the
 *   job ({@code Agent Backup job: ...}). The device is the host.</li>
 * </ul>
 */
final class VeeamParser implements MailParser {
  private static final Pattern SUBJECT = Pattern.compile(
      "\\[(Success|Warning|Failed)]\\s+(.+?)\\s+\\((\\d{1,9}) (?:objects?|instances?|VMs?|machines?)\\)\\s*(.*)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern VEE_MAIL_SUBJECT = Pattern.compile("\\[(Success|Warning|Failed)] ([A-Za-z0-9][A-Za-z0-9._-]{0,252}) - .*");
  private static final Pattern VEE_MAIL_JOB = Pattern.compile("(?m)^[ \\t]*Agent Backup job:[ \\t]*(\\S[^\\t\\r\\n]*)");
  private static final String AGENT_FOR_LINUX = "Veeam Agent for Linux";
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
    if (subject.matches()) {
      String issues = subject.group(4).strip();
      String message = subject.group(3) + " object(s)" + (issues.isEmpty() ? "" : ", " + issues);
      return List.of(run(mail, null, subject.group(2), result(subject.group(1)), message));
    }
    Matcher veeMail = VEE_MAIL_SUBJECT.matcher(mail.subject());
    if (veeMail.matches() && mail.text().contains(AGENT_FOR_LINUX)) {
      Matcher job = VEE_MAIL_JOB.matcher(mail.text());
      return List.of(run(mail, veeMail.group(2), job.find() ? job.group(1).strip() : AGENT_FOR_LINUX, result(veeMail.group(1)), null));
    }
    return List.of();
  }

  private static JobResult result(String word) {
    return JobResult.valueOf(word.toUpperCase(Locale.ROOT));
  }

  private static ParsedRun run(Mail mail, String device, String job, JobResult result, String message) {
    Instant ended = mail.date();
    Instant started = null;
    Matcher duration = DURATION.matcher(mail.text());
    if (ended != null && duration.find()) {
      started = ended.minus(Duration.ofHours(Long.parseLong(duration.group(1))).plusMinutes(Long.parseLong(duration.group(2)))
          .plusSeconds(Long.parseLong(duration.group(3))));
    }
    Matcher transferred = TRANSFERRED.matcher(mail.text());
    Long bytes = transferred.find() ? Sizes.bytes(transferred.group(1), transferred.group(2)) : null;
    return new ParsedRun(null, device, job, result, started, ended, bytes, message);
  }
}
