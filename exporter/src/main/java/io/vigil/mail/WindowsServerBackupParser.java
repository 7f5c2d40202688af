package io.vigil.mail;

import io.vigil.model.JobResult;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows Server Backup sends no mail itself; a scheduled task triggered by its event log entries sends one with
 * PowerShell. Two published forms are read, the device being the host the subject names and the job "Windows Server
 * Backup":
 * <ul>
 *   <li>{@code HOST - Backup Success} / {@code HOST - Backup Failure} with the body {@code A backup on HOST has
 *   succeeded.} (gist macna/ac7e8c356927b10e085d, tasks triggered on event ID 4 and on the failure IDs);</li>
 *   <li>the {@link ForwardedEvent} of source {@code Windows Backup} (pastebin.com/FLu4SGiE,
 *   {@code Get-EventLog -LogName Application -Source "Windows Backup"}); the entry type gives the result.</li>
 * </ul>
 */
final class WindowsServerBackupParser implements MailParser {
  static final String JOB = "Windows Server Backup";
  private static final String HOST = "([A-Za-z0-9][A-Za-z0-9._-]{0,252})";
  private static final Pattern TASK_SUBJECT = Pattern.compile(HOST + " - Backup (Success|Failure)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SOURCE = Pattern.compile("(?:Microsoft-)?Windows[ -]Backup");

  @Override
  public String product() {
    return "windows-server-backup";
  }

  @Override
  public List<ParsedRun> parse(Mail mail) throws NotUnderstood {
    Matcher task = TASK_SUBJECT.matcher(mail.subject());
    if (task.matches()) {
      JobResult result = task.group(2).equalsIgnoreCase("Success") ? JobResult.SUCCESS : JobResult.FAILED;
      return List.of(run(task.group(1), result, firstLine(mail.text(), mail.subject())));
    }
    Optional<ForwardedEvent> event = ForwardedEvent.of(mail, SOURCE);
    if (event.isEmpty()) {
      return List.of();
    }
    return List.of(run(event.get().host(), event.get().resultOfEntryType(), event.get().text()));
  }

  private static ParsedRun run(String host, JobResult result, String message) {
    return new ParsedRun(null, host, JOB, result, null, null, null, message);
  }

  private static String firstLine(String text, String otherwise) {
    String line = text.strip().lines().findFirst().orElse("").strip();
    return line.isEmpty() ? otherwise : line;
  }
}
