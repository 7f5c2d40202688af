package io.vigil.config;

import io.vigil.tls.KeyMaterialException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of the {@code reports} sections, checked on load with the path of the key that breaks one. */
final class ReportRules {
  static final long MAX_LOGO_BYTES = 256 * 1024;
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final int MAX_RECIPIENTS = 100;

  private ReportRules() {}

  static void check(VigilConfig config, List<String> problems) {
    ReportsConfig reports = config.reports();
    if (reports.smtp() != null) {
      checkSmtp(reports.smtp(), problems);
    }
    if (reports.linkBase() != null && !isHttpUrl(reports.linkBase())) {
      problems.add("reports.link_base: must be an absolute http or https URL, got '" + reports.linkBase() + "'");
    }
    ConfigLoader.positive("reports.check_interval_seconds", reports.checkIntervalSeconds(), problems);
    ConfigLoader.positive("reports.retry_first_seconds", reports.retryFirstSeconds(), problems);
    if (reports.retryMaxSeconds() < reports.retryFirstSeconds()) {
      problems.add("reports.retry_max_seconds: must be at least reports.retry_first_seconds (" + reports.retryFirstSeconds() + ")");
    }
    ConfigLoader.positive("reports.max_attempts", reports.maxAttempts(), problems);
    if (!(reports.workShare() > 0 && reports.workShare() <= 1)) {
      problems.add("reports.work_share: must be above 0 and at most 1 (the share of the time reports made one after another"
          + " may take), got " + reports.workShare());
    }
    for (int i = 0; i < config.tenants().size(); i++) {
      TenantReports tenant = config.tenants().get(i).reports();
      if (tenant != null) {
        checkTenant("tenants[" + i + "].reports", tenant, reports.smtp() != null, problems);
      }
    }
  }

  private static void checkSmtp(SmtpConfig smtp, List<String> problems) {
    if (smtp.host() == null || smtp.host().isBlank()) {
      problems.add("reports.smtp.host: the relay's host name is required");
    }
    if (smtp.port() < 1 || smtp.port() > 65_535) {
      problems.add("reports.smtp.port: must be 1 to 65535");
    }
    ConfigLoader.positive("reports.smtp.timeout_seconds", smtp.timeoutSeconds(), problems);
    if (smtp.from() == null) {
      problems.add("reports.smtp.from: the sender address is required");
    } else {
      address("reports.smtp.from", smtp.from(), problems);
    }
    if (smtp.caFile() != null) {
      if (smtp.security() == SmtpSecurity.NONE) {
        problems.add("reports.smtp.ca_file: only used with security starttls or tls");
      }
      try {
        smtp.trust();
      } catch (KeyMaterialException e) {
        problems.add("reports.smtp.ca_file: " + e.problem() + " (" + e.file() + ")");
      }
    }
    if ((smtp.username() == null) != (smtp.passwordFile() == null)) {
      problems.add("reports.smtp: give both username and password_file for authentication, or neither");
    } else if (smtp.passwordFile() != null) {
      try {
        if (smtp.password().isEmpty()) {
          problems.add("reports.smtp.password_file: " + smtp.passwordFile() + " is empty");
        }
      } catch (IOException e) {
        problems.add("reports.smtp.password_file: cannot read " + smtp.passwordFile() + " (" + e.getMessage() + ")");
      }
    }
  }

  private static void checkTenant(String at, TenantReports tenant, boolean relay, List<String> problems) {
    if (tenant.dailyDigest() != null) {
      time(at + ".daily_digest.time", tenant.dailyDigest().time(), problems);
      recipients(at + ".daily_digest.recipients", tenant.dailyDigest().recipients(), problems);
      if (!relay) {
        problems.add(at + ".daily_digest: mailing the digest needs the relay in reports.smtp");
      }
    }
    if (tenant.monthly() != null) {
      if (tenant.monthly().day() < 1 || tenant.monthly().day() > 28) {
        problems.add(at + ".monthly.day: must be 1 to 28 (every month has it)");
      }
      time(at + ".monthly.time", tenant.monthly().time(), problems);
      if (tenant.customers().isEmpty()) {
        problems.add(at + ".monthly: no customer has recipients; list them in " + at + ".customers");
      }
      if (!relay) {
        problems.add(at + ".monthly: mailing the monthly reports needs the relay in reports.smtp");
      }
    }
    Set<String> customers = new HashSet<>();
    for (int j = 0; j < tenant.customers().size(); j++) {
      TenantReports.ReportRecipients customer = tenant.customers().get(j);
      String here = at + ".customers[" + j + "]";
      if (customer.customer() == null || customer.customer().isBlank()) {
        problems.add(here + ".customer: the customer's name is required");
      } else if (!customers.add(customer.customer())) {
        problems.add(here + ".customer: '" + customer.customer() + "' is listed twice");
      }
      recipients(here + ".recipients", customer.recipients(), problems);
    }
    if (tenant.branding() != null) {
      checkBranding(at + ".branding", tenant.branding(), problems);
    }
  }

  private static void checkBranding(String at, TenantReports.Branding branding, List<String> problems) {
    colour(at + ".primary_colour", branding.primaryColour(), problems);
    colour(at + ".accent_colour", branding.accentColour(), problems);
    if (branding.logoFile() != null) {
      Path logo = Path.of(branding.logoFile());
      String name = logo.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!(name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".svg"))) {
        problems.add(at + ".logo_file: must be a .png, .jpg or .svg file, got '" + branding.logoFile() + "'");
      } else {
        try {
          if (Files.size(logo) > MAX_LOGO_BYTES) {
            problems.add(at + ".logo_file: " + branding.logoFile() + " is larger than " + MAX_LOGO_BYTES / 1024 + " KiB");
          }
        } catch (IOException e) {
          problems.add(at + ".logo_file: cannot read " + branding.logoFile() + " (" + e.getMessage() + ")");
        }
      }
    }
    if (branding.contact() != null && branding.contact().length() > 300) {
      problems.add(at + ".contact: at most 300 characters");
    }
  }

  private static void time(String at, String value, List<String> problems) {
    try {
      LocalTime.parse(value, HH_MM);
    } catch (DateTimeParseException e) {
      problems.add(at + ": must be HH:MM on a 24-hour clock, got '" + value + "'");
    }
  }

  private static void recipients(String at, List<String> recipients, List<String> problems) {
    if (recipients.isEmpty()) {
      problems.add(at + ": at least one address is required");
    } else if (recipients.size() > MAX_RECIPIENTS) {
      problems.add(at + ": at most " + MAX_RECIPIENTS + " addresses");
    }
    for (int k = 0; k < recipients.size(); k++) {
      address(at + "[" + k + "]", recipients.get(k), problems);
    }
  }

  private static void address(String at, String value, List<String> problems) {
    try {
      if (value == null) {
        throw new AddressException("empty");
      }
      new InternetAddress(value, true).validate();
    } catch (AddressException e) {
      problems.add(at + ": not an email address: '" + value + "'");
    }
  }

  private static void colour(String at, String value, List<String> problems) {
    if (!COLOUR.matcher(value).matches()) {
      problems.add(at + ": must be #RRGGBB, got '" + value + "'");
    }
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = URI.create(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
