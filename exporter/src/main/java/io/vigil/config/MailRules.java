package io.vigil.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a tenant's mail section: addresses well-formed and each owned by one tenant only, rules that compile and say enough. */
final class MailRules {
  /** A plain {@code local@domain}: no display name, no comments, no quoting. */
  static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9.-]{1,253}");
  static final Set<String> GROUPS = Set.of("customer", "device", "job", "status");
  static final Set<String> STATUSES = Set.of("success", "warning", "failed");
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private MailRules() {}

  static void check(String at, TenantMail mail, Set<String> addressesSeen, List<String> problems) {
    for (int i = 0; i < mail.addresses().size(); i++) {
      MailAddressConfig address = mail.addresses().get(i);
      String here = at + ".mail.addresses[" + i + "]";
      if (address.address() == null || !ADDRESS.matcher(address.address()).matches()) {
        problems.add(here + ".address: must be a plain address such as backups-7f3k2@vigil.example.net");
      } else if (!addressesSeen.add(address.address().toLowerCase(Locale.ROOT))) {
        problems.add(here + ".address: '" + address.address() + "' is configured twice (an address belongs to one tenant)");
      }
      if (address.customer() != null && address.customer().isBlank()) {
        problems.add(here + ".customer: must not be blank");
      }
    }
    for (int i = 0; i < mail.rules().size(); i++) {
      checkRule(at + ".mail.rules[" + i + "]", mail.rules().get(i), problems);
    }
  }

  private static void checkRule(String here, MailRuleConfig rule, List<String> problems) {
    boolean status = false;
    boolean job = rule.job() != null;
    boolean any = false;
    for (String field : List.of("from", "subject", "body")) {
      String regex = switch (field) {
        case "from" -> rule.from();
        case "subject" -> rule.subject();
        default -> rule.body();
      };
      if (regex == null) {
        continue;
      }
      any = true;
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        problems.add(here + "." + field + ": not a valid regular expression: " + e.getDescription());
        continue;
      }
      Matcher groups = GROUP_NAME.matcher(regex);
      while (groups.find()) {
        String group = groups.group(1);
        if (!GROUPS.contains(group)) {
          problems.add(here + "." + field + ": the group '" + group + "' is none of customer, device, job, status");
        }
        status |= group.equals("status");
        job |= group.equals("job");
      }
    }
    if (!any) {
      problems.add(here + ": give at least one of from, subject, body");
    }
    if (!status) {
      problems.add(here + ": one of from, subject, body needs a (?<status>...) group");
    }
    if (!job) {
      problems.add(here + ": give job, or a (?<job>...) group");
    }
    if (rule.statuses().isEmpty()) {
      problems.add(here + ".statuses: must map the product's words to success, warning or failed");
    }
    rule.statuses().forEach((word, result) -> {
      if (result == null || !STATUSES.contains(result)) {
        problems.add(here + ".statuses." + word + ": must be success, warning or failed");
      }
    });
  }
}
