package io.vigil.mail;

import io.vigil.config.MailRuleConfig;
import io.vigil.model.JobResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's own rule ({@link MailRuleConfig}): every regular expression it gives must be found in its field; the
 * named groups customer, device, job and status (first found in from, then subject, then body) give the report, and
 * the status word is looked up in the rule's table, ignoring case. Patterns are compiled once per rule.
 */
final class RuleParser implements MailParser {
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final MailRuleConfig rule;
  private final List<Field> fields = new ArrayList<>();
  private final Map<String, JobResult> statuses = new HashMap<>();

  RuleParser(MailRuleConfig rule) {
    this.rule = rule;
    add("from", rule.from());
    add("subject", rule.subject());
    add("body", rule.body());
    rule.statuses().forEach((word, result) ->
        statuses.put(word.toLowerCase(Locale.ROOT), JobResult.valueOf(result.toUpperCase(Locale.ROOT))));
  }

  private void add(String name, String regex) {
    if (regex != null) {
      List<String> groups = new ArrayList<>();
      Matcher m = GROUP_NAME.matcher(regex);
      while (m.find()) {
        groups.add(m.group(1));
      }
      fields.add(new Field(name, Pattern.compile(regex), groups));
    }
  }

  @Override
  public String product() {
    return rule.name() != null ? rule.name() : "rule";
  }

  @Override
  public List<ParsedRun> parse(Mail mail) throws NotUnderstood {
    Map<String, String> values = new HashMap<>();
    for (Field field : fields) {
      Matcher m = field.pattern.matcher(switch (field.name) {
        case "from" -> mail.from();
        case "subject" -> mail.subject();
        default -> mail.text();
      });
      if (!m.find()) {
        return List.of();
      }
      for (String group : field.groups) {
        String value = m.group(group);
        if (value != null && !value.isBlank()) {
          values.putIfAbsent(group, value.strip());
        }
      }
    }
    String word = values.get("status");
    JobResult result = word == null ? null : statuses.get(word.toLowerCase(Locale.ROOT));
    if (result == null) {
      throw new NotUnderstood("rule '" + product() + "': the status " + (word == null ? "group matched nothing"
          : "'" + MimeReader.clean(word) + "' is not in its statuses " + statuses.keySet().stream().sorted().toList()));
    }
    String job = values.getOrDefault("job", rule.job());
    if (job == null) {
      throw new NotUnderstood("rule '" + product() + "': the job group matched nothing");
    }
    return List.of(new ParsedRun(values.getOrDefault("customer", rule.customer()), values.getOrDefault("device", rule.device()), job,
        result, null, mail.date(), null, null));
  }

  private record Field(String name, Pattern pattern, List<String> groups) {}
}
