package io.vigil.mail;

import io.vigil.model.JobResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * N-able Cove Data Protection (formerly SolarWinds Backup) sends no mail per backup session; its Backup Manager logs
 * each session's end in the Application log, which a scheduled task forwards as a {@link ForwardedEvent}. The event IDs
 * are those N-able's own backup check reads (N-sight RMM user guide, "Cove Data Protection (Cove)"): 105 finished
 * successfully, 102 failed, 108 completed with exceptions, 103 cancelled, 106 interrupted; the source is
 * {@code Backup Manager} (the event log check NickUK122/BackupMonitor, which also shows that these events are all of
 * entry type Information, so the ID, not the entry type, gives the result). Exceptions are a warning; a cancelled or
 * interrupted session a failure. The device is the host the subject names.
 */
final class CoveParser implements MailParser {
  static final String JOB = "Cove Data Protection";
  private static final Pattern SOURCE = Pattern.compile("Backup Manager", Pattern.CASE_INSENSITIVE);
  private static final Map<Integer, JobResult> EVENTS = Map.of(105, JobResult.SUCCESS, 108, JobResult.WARNING, 102, JobResult.FAILED,
      103, JobResult.FAILED, 106, JobResult.FAILED);

  @Override
  public String product() {
    return "cove";
  }

  @Override
  public List<ParsedRun> parse(Mail mail) throws NotUnderstood {
    Optional<ForwardedEvent> forwarded = ForwardedEvent.of(mail, SOURCE);
    if (forwarded.isEmpty()) {
      return List.of();
    }
    ForwardedEvent event = forwarded.get();
    JobResult result = event.eventId() == null ? null : EVENTS.get(event.eventId());
    if (result == null) {
      throw new NotUnderstood("a Backup Manager event " + (event.eventId() == null ? "without its InstanceId"
          : event.eventId() + ", none of the session results 102, 103, 105, 106, 108"));
    }
    return List.of(new ParsedRun(null, event.host(), JOB, result, null, null, null, event.text()));
  }
}
