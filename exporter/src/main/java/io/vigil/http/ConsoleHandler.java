package io.vigil.http;

import io.vigil.config.ConfigLoader;
import io.vigil.config.KeyRole;
import io.vigil.config.TenantConfig;
import io.vigil.console.ConsolePages;
import io.vigil.console.Frame;
import io.vigil.console.Links;
import io.vigil.console.Notice;
import io.vigil.console.SignInPage;
import io.vigil.console.Templates;
import io.vigil.history.TooManyNights;
import io.vigil.model.DeviceKey;
import io.vigil.model.JobKey;
import io.vigil.report.Logo;
import io.vigil.store.StoreException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only console under {@code /console/}: sign-in with a tenant's read key or an admin key (POSTed, never in a
 * URL), an HttpOnly SameSite=Strict session cookie (Secure over HTTPS), the pages of {@link ConsolePages} at
 * {@code /console/t/ACCOUNT/...} for the tenants the session's key may read (with the tenant's branding: its colours
 * as {@code brand.css} and its {@code logo}, behind the same check), and the stylesheet. Every answer carries
 * a CSP without scripts, {@code frame-ancestors 'none'} and nosniff; POSTs must come from the console's own pages.
 */
final class ConsoleHandler implements Handler {
  static final String COOKIE = "vigil_console";
  static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none';"
      + " base-uri 'none'";
  private static final int MAX_KEY = 1024;
  private static final int MAX_PARAMETER = 1024;
  private static final String STATIC = "/console/static/";

  private final Authenticator auth;
  private final Refusals refusals;
  private final ConsoleSessions sessions;
  private final ConsolePages pages;
  private final Templates templates = new Templates();
  /** The console's own files (stylesheet, icon) by name: the same for everyone, so served without a session. */
  private final Map<String, Asset> assets = new HashMap<>();

  private record Asset(byte[] body, String type) {}

  /** {@code refusals} hears of refused sign-ins, forged forms and pages of tenants the session may not read. */
  ConsoleHandler(Authenticator auth, Refusals refusals, ConsoleSessions sessions, ConsolePages pages) {
    this.auth = auth;
    this.refusals = refusals;
    this.sessions = sessions;
    this.pages = pages;
    asset("console.css", "text/css;charset=utf-8");
    asset("favicon.svg", "image/svg+xml");
  }

  private void asset(String name, String type) {
    try (InputStream in = ConsolePages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the console's " + name + " is missing from the jar");
      }
      assets.put(STATIC + name, new Asset(in.readAllBytes(), type));
    } catch (IOException e) {
      throw new UncheckedIOException("the console's " + name + " cannot be read from the jar", e);
    }
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, Grant unused) throws IOException {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on the console's own form POSTs
    response.setHeader("Referrer-Policy", "same-origin");
    String path = request.getRequestURI();
    boolean post = request.getMethod().equals("POST");
    Asset asset = assets.get(path);
    if (asset != null && !post) {
      response.setContentType(asset.type());
      response.setHeader("Cache-Control", "public, max-age=3600");
      response.setContentLength(asset.body().length);
      response.getOutputStream().write(asset.body());
      return;
    }
    response.setHeader("Cache-Control", "no-store");
    if (post && !sameOrigin(request)) {
      refusals.refused(request, null, 403, "a console form from another origin");
      notice(response, 403, null, "Refused", "This form was not sent from the console's own page.");
      return;
    }
    if (path.equals("/console/sign-in")) {
      if (post) {
        signIn(request, response);
      } else {
        page(response, 200, "sign-in.jte", null, new SignInPage(null, "1".equals(request.getParameter("signed-out"))));
      }
      return;
    }
    Optional<ConsoleSessions.Session> session = session(request);
    if (session.isEmpty()) {
      if (post) {
        notice(response, 403, null, "Signed out", "Your session has ended; sign in again.");
      } else {
        response.setStatus(303);
        response.setHeader("Location", "/console/sign-in");
      }
      return;
    }
    if (path.equals("/console/sign-out") && post) {
      signOut(request, response, session.get());
      return;
    }
    if (post) {
      response.setHeader("Allow", "GET, HEAD");
      notice(response, 405, null, "Not allowed", "Only the sign-in and sign-out forms are sent with POST.");
      return;
    }
    if (path.equals("/console") || path.equals("/console/")) {
      home(request, response, session.get());
      return;
    }
    String[] parts = path.split("/", -1);
    // "", "console", "t", ACCOUNT, PAGE
    if (parts.length != 5 || !parts[2].equals("t")) {
      notice(response, 404, null, "Not found", "There is no such page in the console.");
      return;
    }
    tenantPage(request, response, session.get(), parts[3], parts[4]);
  }

  private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String key = request.getParameter("key");
    if (key == null || key.isBlank()) {
      page(response, 400, "sign-in.jte", null, new SignInPage("Enter a key.", false));
      return;
    }
    if (key.length() > MAX_KEY) {
      page(response, 400, "sign-in.jte", null, new SignInPage("That key is too long to be a key (at most " + MAX_KEY
          + " characters).", false));
      return;
    }
    Optional<Grant> grant = auth.authenticateKey(key.strip());
    if (grant.isEmpty()) {
      refusals.refused(request, null, 401, "console sign-in with a key that is not valid");
      page(response, 401, "sign-in.jte", null, new SignInPage("That key is not valid. Use a tenant's read key or an admin key.", false));
      return;
    }
    if (!grant.get().admin() && grant.get().role() != KeyRole.READ) {
      refusals.refused(request, grant.get(), 403, "console sign-in with a push key");
      page(response, 403, "sign-in.jte", null, new SignInPage("A push key cannot sign in. Use the tenant's read key.", false));
      return;
    }
    Optional<ConsoleSessions.Session> session = sessions.open(grant.get());
    if (session.isEmpty()) {
      page(response, 503, "sign-in.jte", null, new SignInPage("Too many people are signed in right now; try again later.", false));
      return;
    }
    response.addHeader("Set-Cookie", cookie(request, session.get().id(), ConsoleSessions.LIFETIME.toSeconds()));
    response.setStatus(303);
    response.setHeader("Location", "/console/");
  }

  private void signOut(HttpServletRequest request, HttpServletResponse response, ConsoleSessions.Session session) throws IOException {
    if (!session.csrfMatches(request.getParameter("csrf"))) {
      refusals.refused(request, session.grant(), 403, "console sign-out without the session's CSRF token");
      notice(response, 403, null, "Refused", "This form was not sent from the console's own page.");
      return;
    }
    sessions.close(session.id());
    response.addHeader("Set-Cookie", cookie(request, "", 0));
    response.setStatus(303);
    response.setHeader("Location", "/console/sign-in?signed-out=1");
  }

  /** A tenant's key goes to its tenant; an admin to the tenant it picked in the switcher, else the first. */
  private void home(HttpServletRequest request, HttpServletResponse response, ConsoleSessions.Session session) throws IOException {
    Grant grant = session.grant();
    String account = grant.admin() ? request.getParameter("tenant") : grant.tenant();
    if (account == null) {
      List<TenantConfig> tenants = pages.tenants();
      if (tenants.isEmpty()) {
        notice(response, 404, null, "No tenants", "No tenant is configured.");
        return;
      }
      account = tenants.get(0).account();
    }
    if (!ConfigLoader.ACCOUNT.matcher(account).matches() || pages.tenant(account).isEmpty()) {
      notice(response, 404, null, "Not found", "There is no such tenant.");
      return;
    }
    response.setStatus(303);
    response.setHeader("Location", Links.tenant(account));
  }

  private void tenantPage(HttpServletRequest request, HttpServletResponse response, ConsoleSessions.Session session, String account,
      String page) throws IOException {
    Grant grant = session.grant();
    Optional<TenantConfig> tenant = ConfigLoader.ACCOUNT.matcher(account).matches() ? pages.tenant(account) : Optional.empty();
    if (tenant.isEmpty() || !grant.mayRead(account)) {
      // The same answer whether or not the tenant exists, so a key cannot probe for other tenants.
      if (!grant.mayRead(account)) {
        refusals.refused(request, grant, 404, "this key may not read tenant '" + account + "'");
      }
      notice(response, 404, null, "Not found", "There is no such tenant.");
      return;
    }
    Map<String, String> params = new HashMap<>();
    for (String name : List.of("status", "q", "page", "customer", "device", "job", "connector", "folder", "volume")) {
      String value = request.getParameter(name);
      if (value != null && value.length() > MAX_PARAMETER) {
        notice(response, 400, null, "Bad request", "The parameter " + name + " is longer than " + MAX_PARAMETER + " characters.");
        return;
      }
      params.put(name, value);
    }
    String customer = params.get("customer");
    String device = params.get("device");
    try {
      switch (page) {
        case "brand.css" -> brandCss(response, tenant.get());
        case "logo" -> logo(response, session, tenant.get());
        case "" -> page(response, 200, "overview.jte", frame(session, tenant.get(), "Overview", "overview"),
            pages.overview(account, params.get("status"), params.get("q"), number(params.get("page"))));
        case "errors" -> page(response, 200, "errors.jte", frame(session, tenant.get(), "In error", "errors"), pages.errors(account));
        case "connectors" -> page(response, 200, "connectors.jte", frame(session, tenant.get(), "Connectors", "connectors"),
            pages.connectors(account));
        case "customer" -> found(response, session, tenant.get(), "customer.jte", "Customer " + customer,
            customer == null ? Optional.empty() : pages.customer(account, customer));
        case "device" -> found(response, session, tenant.get(), "device.jte", "Device " + device,
            customer == null || device == null ? Optional.empty() : pages.device(new DeviceKey(account, customer, device)));
        case "job" -> found(response, session, tenant.get(), "job.jte", "Job " + params.get("job"),
            customer == null || device == null || params.get("job") == null ? Optional.empty()
                : pages.job(new JobKey(account, customer, device, params.get("job"))));
        case "chain" -> page(response, 200, "chain.jte", frame(session, tenant.get(), "Chain " + params.get("volume"), "chain"),
            pages.chain(account, params.get("connector"), params.get("folder"), params.get("volume")));
        default -> notice(response, 404, frame(session, tenant.get(), "Not found", ""), "Not found", "There is no such page.");
      }
    } catch (StoreException e) {
      notice(response, 503, frame(session, tenant.get(), "Unavailable", ""), "History unavailable",
          "The history cannot be read now: " + e.getMessage());
    } catch (TooManyNights e) {
      notice(response, 400, frame(session, tenant.get(), "Too much", ""), "Too much history",
          "The nightly history of this page is too large to show at once: " + e.getMessage());
    }
  }

  /** The tenant's colours, behind the same access check as its pages (a stylesheet: the CSP allows no inline style). */
  private void brandCss(HttpServletResponse response, TenantConfig tenant) throws IOException {
    send(response, "text/css;charset=utf-8", pages.brand(tenant).css().getBytes(StandardCharsets.UTF_8));
  }

  /** The tenant's logo, served by the console itself (its CSP allows images from here only). */
  private void logo(HttpServletResponse response, ConsoleSessions.Session session, TenantConfig tenant) throws IOException {
    Optional<Logo> logo = pages.logo(tenant.account());
    if (logo.isEmpty()) {
      notice(response, 404, frame(session, tenant, "Not found", ""), "Not found", "This tenant has no logo.");
      return;
    }
    send(response, logo.get().type(), logo.get().body());
  }

  private static void send(HttpServletResponse response, String type, byte[] body) throws IOException {
    response.setHeader("Cache-Control", "private, max-age=300");
    response.setContentType(type);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private void found(HttpServletResponse response, ConsoleSessions.Session session, TenantConfig tenant, String template, String title,
      Optional<?> page) throws IOException {
    if (page.isEmpty()) {
      notice(response, 404, frame(session, tenant, "Not found", ""), "Not found", "This tenant has nothing of that name.");
      return;
    }
    page(response, 200, template, frame(session, tenant, title, ""), page.get());
  }

  private Frame frame(ConsoleSessions.Session session, TenantConfig tenant, String title, String section) {
    boolean admin = session.grant().admin();
    List<Frame.Choice> tenants = admin ? pages.tenants().stream().map(t -> new Frame.Choice(t.account(), t.name())).toList() : List.of();
    return new Frame(title, section, tenant.account(), pages.brand(tenant), admin, tenants, session.csrf());
  }

  private void notice(HttpServletResponse response, int status, Frame frame, String title, String message) throws IOException {
    page(response, status, "notice.jte", frame, new Notice(title, message));
  }

  private void page(HttpServletResponse response, int status, String template, Frame frame, Object page) throws IOException {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("page", page);
    byte[] body = templates.render(template, params).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The session of the request's cookie whose key the configuration still holds; a stale one is ended. */
  private Optional<ConsoleSessions.Session> session(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (cookie.getName().equals(COOKIE)) {
        Optional<ConsoleSessions.Session> session = sessions.find(cookie.getValue());
        if (session.isPresent() && !auth.stillValid(session.get().grant())) {
          sessions.close(session.get().id());
          return Optional.empty();
        }
        return session;
      }
    }
    return Optional.empty();
  }

  private static String cookie(HttpServletRequest request, String value, long maxAge) {
    return COOKIE + "=" + value + "; Path=/console; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : "");
  }

  /**
   * Whether a POST came from a page of this console: browsers send Origin (and Sec-Fetch-Site) with every form POST, so
   * a form on another site is refused even before SameSite keeps the cookie from it.
   */
  private static boolean sameOrigin(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    String own = request.getScheme() + "://" + request.getHeader("Host");
    return origin.equalsIgnoreCase(own);
  }

  private static int number(String value) {
    try {
      return value == null ? 1 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
