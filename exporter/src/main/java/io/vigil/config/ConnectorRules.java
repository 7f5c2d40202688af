package io.vigil.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules for a tenant's {@code connectors}, {@code folders} and {@code customers}, checked on load. */
final class ConnectorRules {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_LABEL = 255;

  private ConnectorRules() {}

  static void check(String at, TenantConfig tenant, List<String> problems) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tenant.connectors().size(); i++) {
      ConnectorConfig c = tenant.connectors().get(i);
      String here = at + ".connectors[" + i + "]";
      if (c.name() == null || !NAME.matcher(c.name()).matches()) {
        problems.add(here + ".name: must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit");
      } else if (!names.add(c.name())) {
        problems.add(here + ".name: '" + c.name() + "' is configured twice in this tenant");
      }
      checkUrl(here + ".url", c.url(), problems);
      if (!c.tls().isDefault()) {
        if (c.url() != null && !c.url().startsWith("https:")) {
          problems.add(here + ": ca_file, client_cert_file and client_key_file need an https url");
        } else {
          c.tls().check(here, problems);
        }
      }
      if ((c.token() == null) == (c.tokenFile() == null)) {
        problems.add(here + ": give exactly one of token or token_file");
      } else if (c.token() != null && c.token().isBlank()) {
        problems.add(here + ".token: must not be empty");
      } else if (c.tokenFile() != null && !Files.isReadable(Path.of(c.tokenFile()))) {
        problems.add(here + ".token_file: cannot read " + c.tokenFile());
      }
      ConfigLoader.positive(here + ".interval_seconds", c.intervalSeconds(), problems);
      ConfigLoader.positive(here + ".timeout_seconds", c.timeoutSeconds(), problems);
      ConfigLoader.positive(here + ".max_body_bytes", c.maxBodyBytes(), problems);
    }
    Set<String> folders = new HashSet<>();
    for (int i = 0; i < tenant.folders().size(); i++) {
      FolderConfig f = tenant.folders().get(i);
      String here = at + ".folders[" + i + "]";
      if (f.connector() == null || !names.contains(f.connector())) {
        problems.add(here + ".connector: must name a connector of this tenant, got '" + f.connector() + "'");
      }
      if (f.folder() == null || !f.folder().matches("[^/]+/[^/]+") || f.folder().length() > MAX_LABEL) {
        problems.add(here + ".folder: must be the folder's path on the connector, CUSTOMER/FOLDER, got '" + f.folder() + "'");
      } else if (!folders.add(f.connector() + " " + f.folder())) {
        problems.add(here + ".folder: '" + f.folder() + "' is configured twice for connector '" + f.connector() + "'");
      }
      if (f.customer() != null && (f.customer().isBlank() || f.customer().length() > MAX_LABEL)) {
        problems.add(here + ".customer: must be 1-" + MAX_LABEL + " characters");
      }
      if (f.customer() == null && f.graceSeconds() == null) {
        problems.add(here + ": give customer, grace_seconds or both");
      }
      ConfigLoader.positive(here + ".grace_seconds", f.graceSeconds(), problems);
    }
    Set<String> customers = new HashSet<>();
    for (int i = 0; i < tenant.customers().size(); i++) {
      CustomerConfig c = tenant.customers().get(i);
      String here = at + ".customers[" + i + "]";
      if (c.customer() == null || c.customer().isBlank() || c.customer().length() > MAX_LABEL) {
        problems.add(here + ".customer: must be 1-" + MAX_LABEL + " characters");
      } else if (!customers.add(c.customer())) {
        problems.add(here + ".customer: '" + c.customer() + "' is configured twice");
      }
      if (c.quotaBytes() == null) {
        problems.add(here + ".quota_bytes: is required");
      }
      ConfigLoader.positive(here + ".quota_bytes", c.quotaBytes(), problems);
    }
  }

  private static void checkUrl(String key, String url, List<String> problems) {
    try {
      URI uri = new URI(url == null ? "" : url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
        problems.add(key + ": must be an absolute http or https URL without user, query or fragment, got '" + url + "'");
      }
    } catch (URISyntaxException e) {
      problems.add(key + ": must be an absolute http or https URL, got '" + url + "'");
    }
  }
}
