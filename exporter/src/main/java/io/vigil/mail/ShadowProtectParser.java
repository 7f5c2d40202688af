package io.vigil.mail;

import io.vigil.model.JobResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * StorageCraft / Arcserve ShadowProtect backup results, as the {@link ForwardedEvent} of a scheduled task triggered on
 * them. ShadowProtect logs each backup job's end in the Application log, source {@code ShadowProtectSvc}: event 1120
 * success, 1121 failure, 1122 aborted; ShadowProtect SPX as source {@code ShadowProtectSPX}: 3 success, 4 aborted,
 * 5 failure (the Nagios check neoloc/nagios-check-shadowprotect-backups, after StorageCraft KB article 123; the mail
 * processor ehardway/processBackupEmails likewise reads 1120 as OK and 1121 as critical). An abort is a failure. The
 * device is the host the subject names; the job is the product.
 */
final class ShadowProtectParser implements MailParser {
  private static final Pattern SOURCE = Pattern.compile("ShadowProtect(Svc|SPX)", Pattern.CASE_INSENSITIVE);
  private static final Map<Integer, JobResult> SVC_EVENTS = Map.of(1120, JobResult.SUCCESS, 1121, JobResult.FAILED, 1122, JobResult.FAILED);
  private static final Map<Integer, JobResult> SPX_EVENTS = Map.of(3, JobResult.SUCCESS, 4, JobResult.FAILED, 5, JobResult.FAILED);

  @Override
  public String product() {
    return "shadowprotect";
  }

  @Override
  public List<ParsedRun> parse(Mail mail) throws NotUnderstood {
    Optional<ForwardedEvent> forwarded = ForwardedEvent.of(mail, SOURCE);
    if (forwarded.isEmpty()) {
      return List.of();
    }
    ForwardedEvent event = forwarded.get();
    boolean spx = event.source().toUpperCase(Locale.ROOT).endsWith("SPX");
    Map<Integer, JobResult> results = spx ? SPX_EVENTS : SVC_EVENTS;
    JobResult result = event.eventId() == null ? null : results.get(event.eventId());
    if (result == null) {
      throw new NotUnderstood("a " + event.source() + " event " + (event.eventId() == null ? "without its InstanceId"
          : event.eventId() + ", none of the backup results " + (spx ? "3, 4, 5" : "1120, 1121, 1122")));
    }
    return List.of(new ParsedRun(null, event.host(), spx ? "ShadowProtect SPX" : "ShadowProtect", result, null, null, null,
        event.text()));
  }
}
