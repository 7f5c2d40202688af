package io.vigil.console;

import io.vigil.config.TenantReports;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tenant's branding in the console's header, from the same settings as its reports ({@code reports.tenants[].branding}):
 * its name, whether it has a logo (served by the console at {@link Links#logo}), and its colours as a stylesheet of
 * its own ({@link Links#brandCss}): the CSP allows no inline style.
 */
public record Brand(String name, String primaryColour, String accentColour, String contact, boolean logo) {
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

  /** {@code fallbackName} (the tenant's) when the branding names none. */
  static Brand of(TenantReports.Branding branding, String fallbackName) {
    TenantReports.Branding b = branding != null ? branding : TenantReports.Branding.standard();
    return new Brand(b.name() != null ? b.name() : fallbackName, b.primaryColour(), b.accentColour(), b.contact(), b.logoFile() != null);
  }

  /**
   * The header in the tenant's colours: the primary as its background, with white or near-black text, whichever
   * contrasts more (so any primary colour stays readable), and the accent as its lower border.
   */
  public String css() {
    // the configuration check allows only #RRGGBB; anything else would not reach a stylesheet
    String primary = COLOUR.matcher(primaryColour).matches() ? primaryColour.toLowerCase(Locale.ROOT) : "#17324d";
    String accent = COLOUR.matcher(accentColour).matches() ? accentColour.toLowerCase(Locale.ROOT) : primary;
    String text = contrast(primary, "#ffffff") >= contrast(primary, "#1b1f24") ? "#ffffff" : "#1b1f24";
    return "header { background: " + primary + "; color: " + text + "; border-bottom: 4px solid " + accent + "; }\n"
        + "header a, header label { color: " + text + "; }\n";
  }

  /** The WCAG contrast ratio of two #RRGGBB colours. */
  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String colour) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(colour.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
}
