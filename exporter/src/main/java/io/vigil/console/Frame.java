package io.vigil.console;

import java.util.List;

/**
 * What every signed-in page shows around its content: the page's title and section (for the navigation), the tenant
 * it is about and its branding, whether an admin is signed in (then with every tenant to switch to) and the session's CSRF token for
 * the sign-out form.
 */
public record Frame(String title, String section, String account, Brand brand, boolean admin, List<Choice> tenants, String csrf) {
  public record Choice(String account, String name) {}

  public String brandCss() {
    return Links.brandCss(account);
  }

  public String logo() {
    return Links.logo(account);
  }

  public String overview() {
    return Links.tenant(account);
  }

  public String errors() {
    return Links.errors(account);
  }

  public String connectors() {
    return Links.connectors(account);
  }

  /** {@code aria-current} of a navigation link: "page" for the current section, else null (no attribute). */
  public String current(String name) {
    return name.equals(section) ? "page" : null;
  }
}
