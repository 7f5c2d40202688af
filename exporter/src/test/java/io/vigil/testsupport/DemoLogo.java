package io.vigil.testsupport;

import io.vigil.config.TenantReports;
import io.vigil.config.VigilConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Gives one demo tenant's branding (the reports' and the console's) a logo file, written into {@code dir}. */
public final class DemoLogo {
  /** A small SVG with a marker the tests look for. */
  public static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\" viewBox=\"0 0 120 40\">"
      + "<title>demo-logo-marker</title><rect width=\"120\" height=\"40\" rx=\"6\" fill=\"#2e86c1\"/>"
      + "<circle cx=\"20\" cy=\"20\" r=\"12\" fill=\"#ffffff\"/></svg>";

  private DemoLogo() {}

  public static VigilConfig give(VigilConfig config, String account, Path dir) throws IOException {
    Path logo = Files.writeString(dir.resolve(account + "-logo.svg"), SVG);
    return config.withTenants(config.tenants().stream().map(t -> {
      if (!t.account().equals(account)) {
        return t;
      }
      TenantReports reports = t.reports();
      TenantReports.Branding b = reports.branding();
      return t.withReports(new TenantReports(reports.dailyDigest(), reports.monthly(),
          new TenantReports.Branding(b.name(), logo.toString(), b.primaryColour(), b.accentColour(), b.contact()), reports.customers()));
    }).toList());
  }
}
