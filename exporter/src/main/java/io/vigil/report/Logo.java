package io.vigil.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's logo ({@code reports.tenants[].branding.logo_file}), read now: the configuration check has bounded its size
 * and type. Embedded in the reports as a data URI, served by the console as a file of its own.
 */
public record Logo(byte[] body, String type) {
  private static final Logger log = LoggerFactory.getLogger(Logo.class);

  /** Empty when {@code file} is null or cannot be read (then said in the log). */
  public static Optional<Logo> read(String file) {
    if (file == null) {
      return Optional.empty();
    }
    String lower = file.toLowerCase(Locale.ROOT);
    String type = lower.endsWith(".png") ? "image/png" : lower.endsWith(".svg") ? "image/svg+xml" : "image/jpeg";
    try {
      return Optional.of(new Logo(Files.readAllBytes(Path.of(file)), type));
    } catch (IOException e) {
      log.warn("the logo {} cannot be read ({}); the page goes without it", file, e.getMessage());
      return Optional.empty();
    }
  }

  public String dataUri() {
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(body);
  }
}
