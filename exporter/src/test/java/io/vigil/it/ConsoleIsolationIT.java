package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vigil.Exporter;
import io.vigil.console.Links;
import io.vigil.demo.DemoConnector;
import io.vigil.demo.DemoFleet;
import io.vigil.model.DeviceKey;
import io.vigil.model.JobKey;
import io.vigil.testsupport.ConsoleClient;
import io.vigil.testsupport.DemoLogo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The console's sign-in, session and tenant scoping over real HTTP against the demo: every page and asset by direct
 * URL, with another tenant's session, with none, and with forged forms.
 */
class ConsoleIsolationIT {
  static final String NORTHWIND = "northwind";
  static final List<String> NORTHWIND_CUSTOMERS = List.of("Alpine Dental", "Baker &amp; Sons Law", "Cedar Clinic", "Harbor Hotel");
  static final List<String> CONTOSO_CUSTOMERS = List.of("Ironwood Realty", "Juniper Labs", "Northgate Pharmacy");
  /** Every page and branding asset of northwind's, each page naming one of its customers, devices, jobs or chains. */
  static final List<String> NORTHWIND_PAGES = List.of(
      Links.tenant(NORTHWIND),
      Links.overview(NORTHWIND, "failed", "Alpine", 1),
      Links.errors(NORTHWIND),
      Links.connectors(NORTHWIND),
      Links.customer(NORTHWIND, "Alpine Dental"),
      Links.job(new JobKey(NORTHWIND, "Alpine Dental", "alpine-dental-fs01", "system-image")),
      Links.device(new DeviceKey(NORTHWIND, "Baker & Sons Law", "baker-sons-law-nvr01")),
      Links.chain(NORTHWIND, DemoConnector.NAME, "acme/SRV01", "D_VOL"),
      Links.brandCss(NORTHWIND),
      Links.logo(NORTHWIND));

  @TempDir
  static Path dir;
  static Exporter exporter;
  static DemoConnector connector;
  static ConsoleClient console;
  static final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    log.start();
    ((Logger) LoggerFactory.getLogger("io.vigil.http.Refusals")).addAppender(log);
    connector = DemoConnector.start(Clock.systemUTC());
    exporter = Exporter.start(DemoLogo.give(DemoFleet.config(connector), NORTHWIND, dir).withListenAndDataDir("127.0.0.1:0",
        dir.toString()), null,
        Clock.systemUTC(), started -> {
          new DemoFleet(started.uri(), Clock.systemUTC()).start();
          started.pollConnectorsNow();
        });
    console = new ConsoleClient(exporter.uri());
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger("io.vigil.http.Refusals")).detachAppender(log);
    exporter.close();
    connector.close();
  }

  @Test
  void theTenantsOwnSessionSeesEveryPageOfItsOwnAndNoneOfAnotherTenantsCustomers() throws Exception {
    String session = console.session(DemoFleet.readKey(NORTHWIND));
    for (String page : NORTHWIND_PAGES) {
      HttpResponse<String> response = console.get(page, session);
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.body()).as(page).doesNotContain(CONTOSO_CUSTOMERS);
    }
    assertThat(console.get(Links.tenant(NORTHWIND), session).body()).contains(NORTHWIND_CUSTOMERS);
  }

  @Test
  void theAlertRulesConsoleUrlsOpenTheirPages() throws Exception {
    String session = console.session(DemoFleet.readKey(NORTHWIND));
    // as Prometheus' urlquery writes them (a space is '+'), see alert-rules/vigil.rules.yml
    for (String url : List.of("/console/t/northwind/job?customer=Alpine+Dental&device=alpine-dental-fs01&job=system-image",
        "/console/t/northwind/device?customer=Baker+%26+Sons+Law&device=baker-sons-law-nvr01",
        "/console/t/northwind/chain?connector=demo-img01&folder=acme%2FSRV01&volume=D_VOL",
        "/console/t/northwind/customer?customer=Alpine+Dental", "/console/t/northwind/connectors")) {
      assertThat(console.get(url, session).statusCode()).as(url).isEqualTo(200);
    }
  }

  @Test
  void anotherTenantsSessionGetsNotFoundForEveryPageByDirectUrlAndSeesNoneOfItsData() throws Exception {
    String session = console.session(DemoFleet.readKey("contoso"));
    for (String page : NORTHWIND_PAGES) {
      HttpResponse<String> response = console.get(page, session);
      assertThat(response.statusCode()).as(page).isEqualTo(404);
      assertThat(response.body()).as(page).contains("There is no such tenant.").doesNotContain(NORTHWIND_CUSTOMERS)
          .doesNotContain("Northwind IT Services", "demo-img01", "D_VOL");
    }
    // and the same answer for a tenant that does not exist, so a key cannot probe for tenants
    HttpResponse<String> missing = console.get(Links.errors("no-such-tenant"), session);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("There is no such tenant.");
    HttpResponse<String> own = console.get(Links.tenant("contoso"), session);
    assertThat(own.body()).contains(CONTOSO_CUSTOMERS).doesNotContain(NORTHWIND_CUSTOMERS);
  }

  @Test
  void theBrandingAssetsAreTheTenantsOwnAndAnotherTenantsAre404ByDirectUrl() throws Exception {
    String northwind = console.session(DemoFleet.readKey(NORTHWIND));
    HttpResponse<String> css = console.get(Links.brandCss(NORTHWIND), northwind);
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    assertThat(css.body()).contains("background: #1f4e79").doesNotContain("#4a235a");
    HttpResponse<String> logo = console.get(Links.logo(NORTHWIND), northwind);
    assertThat(logo.statusCode()).isEqualTo(200);
    assertThat(logo.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
    assertThat(logo.body()).isEqualTo(DemoLogo.SVG);
    assertThat(console.get(Links.tenant(NORTHWIND), northwind).body()).contains("<img src=\"" + Links.logo(NORTHWIND) + "\"",
        "<link rel=\"stylesheet\" href=\"" + Links.brandCss(NORTHWIND) + "\">");

    String contoso = console.session(DemoFleet.readKey("contoso"));
    for (String asset : List.of(Links.brandCss(NORTHWIND), Links.logo(NORTHWIND))) {
      HttpResponse<String> refused = console.get(asset, contoso);
      assertThat(refused.statusCode()).as(asset).isEqualTo(404);
      assertThat(refused.body()).as(asset).contains("There is no such tenant.").doesNotContain("#1f4e79", "demo-logo-marker");
    }
    // contoso's own: its colours, and no logo configured
    assertThat(console.get(Links.brandCss("contoso"), contoso).body()).contains("background: #4a235a").doesNotContain("#1f4e79");
    assertThat(console.get(Links.logo("contoso"), contoso).statusCode()).isEqualTo(404);
  }

  @Test
  void aTenantsSessionLandsOnItsOwnTenantWhateverTenantItAsksToSwitchTo() throws Exception {
    String session = console.session(DemoFleet.readKey("contoso"));
    HttpResponse<String> home = console.get("/console/?tenant=" + NORTHWIND, session);
    assertThat(home.statusCode()).isEqualTo(303);
    assertThat(home.headers().firstValue("Location")).hasValue(Links.tenant("contoso"));
  }

  @Test
  void withoutASessionEveryPageRedirectsToTheSignInFormAndShowsNothing() throws Exception {
    for (String page : NORTHWIND_PAGES) {
      HttpResponse<String> response = console.get(page, null);
      assertThat(response.statusCode()).as(page).isEqualTo(303);
      assertThat(response.headers().firstValue("Location")).as(page).hasValue("/console/sign-in");
      assertThat(response.body()).as(page).doesNotContain(NORTHWIND_CUSTOMERS);
    }
    HttpResponse<String> forged = console.get(Links.tenant(NORTHWIND), "forged-session-id");
    assertThat(forged.statusCode()).isEqualTo(303);
  }

  @Test
  void theStylesheetIsTheOnlyAssetServedWithoutASessionAndHoldsNoTenantData() throws Exception {
    HttpResponse<String> css = console.get("/console/static/console.css", null);
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    assertThat(css.body()).doesNotContain(NORTHWIND_CUSTOMERS).doesNotContain("northwind");
    assertThat(console.get("/console/static/other.css", null).statusCode()).isEqualTo(303);
    String session = console.session(DemoFleet.readKey("contoso"));
    assertThat(console.get("/console/static/other.css", session).statusCode()).isEqualTo(404);
  }

  @Test
  void aWrongKeyGetsAClearErrorAndNoSession() throws Exception {
    HttpResponse<String> response = console.signIn("demo-northwind-typo");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("That key is not valid. Use a tenant's read key or an admin key.")
        .doesNotContain("demo-northwind-typo");
    assertThat(ConsoleClient.sessionOf(response)).isEmpty();
  }

  @Test
  void refusedSignInsAndOtherTenantsPagesAreLoggedWithoutTheKey() throws Exception {
    console.signIn("demo-contoso-typo");
    HttpResponse<String> refused = console.get(Links.tenant(NORTHWIND) + "no-such-page", console.session(DemoFleet.readKey("contoso")));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
    // The log says the same refusal at most once a minute (per address, path and status), so another test may have
    // said the sign-in's first: the appender has heard every refusal since the exporter started.
    List<String> lines = List.copyOf(log.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("/console/sign-in refused with 401", "not valid"))
        .anySatisfy(line -> assertThat(line).contains("/console/t/northwind/no-such-page refused with 404", "tenant contoso",
            "may not read tenant 'northwind'"))
        .noneSatisfy(line -> assertThat(line).contains("demo-contoso-typo"))
        .noneSatisfy(line -> assertThat(line).contains(DemoFleet.readKey("contoso")));
  }

  @Test
  void aPushKeyCannotSignIn() throws Exception {
    HttpResponse<String> response = console.signIn(DemoFleet.pushKey(NORTHWIND));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("A push key cannot sign in");
    assertThat(ConsoleClient.sessionOf(response)).isEmpty();
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrictAndTheKeyIsNeverInTheAnswers() throws Exception {
    HttpResponse<String> signIn = console.signIn(DemoFleet.readKey(NORTHWIND));
    assertThat(signIn.statusCode()).isEqualTo(303);
    assertThat(signIn.headers().firstValue("Location")).hasValue("/console/");
    assertThat(signIn.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
        .contains("HttpOnly", "SameSite=Strict", "Path=/console").doesNotContain(DemoFleet.readKey(NORTHWIND)));
    String session = ConsoleClient.sessionOf(signIn).orElseThrow();
    for (String page : NORTHWIND_PAGES) {
      HttpResponse<String> response = console.get(page, session);
      assertThat(response.body()).as(page).doesNotContain(DemoFleet.readKey(NORTHWIND));
      assertThat(response.headers().map().toString()).as(page).doesNotContain(DemoFleet.readKey(NORTHWIND));
    }
  }

  @Test
  void everyAnswerForbidsScriptsFramingAndSniffing() throws Exception {
    String session = console.session(DemoFleet.readKey(NORTHWIND));
    List<HttpResponse<String>> answers = new java.util.ArrayList<>();
    for (String page : NORTHWIND_PAGES) {
      answers.add(console.get(page, session));
    }
    answers.add(console.get("/console/sign-in", null));
    answers.add(console.get("/console/static/console.css", null));
    for (HttpResponse<String> answer : answers) {
      String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).as(answer.uri().toString()).contains("default-src 'none'", "frame-ancestors 'none'")
          .doesNotContain("script-src", "unsafe-inline");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(answer.uri().toString()).hasValue("nosniff");
    }
  }

  @Test
  void signOutNeedsTheSessionsOwnFormAndEndsTheSession() throws Exception {
    String session = console.session(DemoFleet.readKey(NORTHWIND));
    HttpResponse<String> forged = console.post("/console/sign-out", "csrf=guess", session, exporter.uri().toString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(console.get(Links.tenant(NORTHWIND), session).statusCode()).isEqualTo(200);

    String page = console.get(Links.tenant(NORTHWIND), session).body();
    String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
    HttpResponse<String> out = console.post("/console/sign-out", "csrf=" + csrf, session, exporter.uri().toString());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    assertThat(console.get(Links.tenant(NORTHWIND), session).statusCode()).isEqualTo(303);
  }

  @Test
  void aSignInFormPostedFromAnotherSiteIsRefused() throws Exception {
    HttpResponse<String> response = console.post("/console/sign-in", "key=" + DemoFleet.readKey(NORTHWIND), null,
        "http://attacker.example");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(ConsoleClient.sessionOf(response)).isEmpty();
  }

  @Test
  void anAdminSeesEveryTenantAndSwitchesBetweenThem() throws Exception {
    String session = console.session(DemoFleet.ADMIN_KEY);
    HttpResponse<String> home = console.get("/console/?tenant=contoso", session);
    assertThat(home.statusCode()).isEqualTo(303);
    assertThat(home.headers().firstValue("Location")).hasValue(Links.tenant("contoso"));
    String page = console.get(Links.tenant("contoso"), session).body();
    assertThat(page).contains(CONTOSO_CUSTOMERS).contains("<select id=\"tenant\" name=\"tenant\">", "Northwind IT Services");
    assertThat(console.get(Links.customer(NORTHWIND, "Alpine Dental"), session).statusCode()).isEqualTo(200);
  }

  @Test
  void theExportersAddressLeadsToTheConsole() throws Exception {
    HttpResponse<String> root = console.get("/", null);
    assertThat(root.statusCode()).isEqualTo(303);
    assertThat(root.headers().firstValue("Location")).hasValue("/console/");
    assertThat(console.get("/no-such-endpoint", null).statusCode()).isEqualTo(404);
  }
}
