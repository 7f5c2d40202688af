package io.vigil.mail;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * BackupAssist results, as the {@link ForwardedEvent} of a scheduled task triggered on them. BackupAssist logs to the
 * Application log under the source {@code BackupAssist}, and its entry type tells a good run from a bad one
 * (Information fine, Warning and Error not: the NinjaOne check fyxtro/NinjaRMM-Scripts, backup_backupassist.ps1);
 * its event IDs are not published, so the task is to be triggered on the job results only. The device is the host
 * the subject names, the job "BackupAssist".
 */
final class BackupAssistParser implements MailParser {
  static final String JOB = "BackupAssist";
  private static final Pattern SOURCE = Pattern.compile("BackupAssist", Pattern.CASE_INSENSITIVE);

  @Override
  public String product() {
    return "backupassist";
  }

  @Override
  public List<ParsedRun> parse(Mail mail) throws NotUnderstood {
    Optional<ForwardedEvent> forwarded = ForwardedEvent.of(mail, SOURCE);
    if (forwarded.isEmpty()) {
      return List.of();
    }
    ForwardedEvent event = forwarded.get();
    return List.of(new ParsedRun(null, event.host(), JOB, event.resultOfEntryType(), null, null, null, event.text()));
  }
}
