package io.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.CustomerConfig;
import io.vigil.config.FolderConfig;
import io.vigil.config.HistoryConfig;
import io.vigil.config.KeyConfig;
import io.vigil.config.KeyRole;
import io.vigil.config.MailAddressConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.TenantReports;
import io.vigil.config.TenantMail;
import io.vigil.config.VigilConfig;
import io.vigil.history.NightlyHistory;
import io.vigil.http.Authenticator;
import io.vigil.model.DeviceError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated MSP fleet for {@code --demo}: three tenants, twenty customers, servers with backup
 * jobs and site servers that heartbeat. It pushes back-dated history through the real HTTP push
 * API before returning from {@link #start()}, so every status is there at the first scrape, and
 * keeps pushing while the exporter runs.
 */
public final class DemoFleet {
  public static final String ADMIN_KEY = "demo-admin";
  private static final Logger log = LoggerFactory.getLogger(DemoFleet.class);
  private static final Duration TICK = Duration.ofSeconds(10);
  private static final int CHUNK = 500;
  private static final int ATTEMPTS = 5;
  private static final Duration FIRST_RETRY = Duration.ofMillis(250);

  /** The demo's ingest address for notification mails, of tenant {@value #CONNECTOR_TENANT}. */
  public static final String MAIL_ADDRESS = "reports@northwind.demo.vigil";
  /** Where the demo takes mail unless --smtp-listen says otherwise. */
  public static final String SMTP_LISTEN = "127.0.0.1:2525";
  private static final List<DemoTenant> TENANTS = List.of(
      new DemoTenant("northwind", "Northwind IT Services", List.of("Alpine Dental", "Baker & Sons Law", "Cedar Clinic",
          "Delta Logistics", "Evergreen School", "Fjord Architects", "Granite Bank", "Harbor Hotel")),
      new DemoTenant("contoso", "Contoso Managed Services", List.of("Ironwood Realty", "Juniper Labs", "Keystone Insurance",
          "Lakeside Vets", "Maple Accounting", "Northgate Pharmacy")),
      new DemoTenant("fabrikam", "Fabrikam Reseller", List.of("Oakridge Farms", "Pinecrest Motors", "Quarry Studios",
          "Riverbend Church", "Summit Dental", "Tidewater Marine")));

  private final URI base;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final List<SimulatedJob> jobs = new ArrayList<>();
  private final List<SimulatedDevice> devices = new ArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "vigil-demo-fleet");
    t.setDaemon(true);
    return t;
  });

  public DemoFleet(URI base, Clock clock) {
    this.base = base;
    this.clock = clock;
    build(clock.instant());
  }

  public static String pushKey(String account) {
    return "demo-" + account + "-push";
  }

  public static String readKey(String account) {
    return "demo-" + account + "-read";
  }

  public static List<String> accounts() {
    return TENANTS.stream().map(DemoTenant::account).toList();
  }

  public static List<String> customers(String account) {
    return TENANTS.stream().filter(t -> t.account().equals(account)).flatMap(t -> t.customers().stream()).toList();
  }

  /** The tenant that polls the demo connector. */
  public static final String CONNECTOR_TENANT = "northwind";

  /**
   * The demo's configuration: the documented admin key, a push and read key per tenant, and for
   * {@value #CONNECTOR_TENANT} the demo connector. Its folders show both mappings: acme/* are assigned
   * to Alpine Dental (the merge workflow), globex/* count for customer globex by their path except
   * globex/FS01, assigned to Baker &amp; Sons Law with a one-hour grace, so its newest image is overdue.
   */
  public static VigilConfig config(DemoConnector connector) {
    List<TenantConfig> tenants = TENANTS.stream().map(t -> withBranding(t, demoTenant(t, connector))).toList();
    return new VigilConfig(null, null, List.of(new KeyConfig(null, Authenticator.sha256Hex(ADMIN_KEY), "demo admin key")),
        null, null, tenants);
  }

  /** Each demo tenant brands its customers' monthly reports in its own colours. */
  private static TenantConfig withBranding(DemoTenant t, TenantConfig tenant) {
    String[] colours = switch (t.account()) {
      case "northwind" -> new String[] {"#1f4e79", "#2e86c1"};
      case "contoso" -> new String[] {"#4a235a", "#af7ac5"};
      default -> new String[] {"#145a32", "#52be80"};
    };
    return tenant.withReports(new TenantReports(null, null, new TenantReports.Branding(t.name(), null, colours[0], colours[1],
        t.name() + " service desk: support@" + t.account() + ".example"), null));
  }

  private static TenantConfig demoTenant(DemoTenant t, DemoConnector connector) {
    TenantConfig tenant = new TenantConfig(t.account(), t.name(), null, null, List.of(
        new KeyConfig(KeyRole.PUSH, Authenticator.sha256Hex(pushKey(t.account())), "demo push key"),
        new KeyConfig(KeyRole.READ, Authenticator.sha256Hex(readKey(t.account())), "demo read key")));
    if (!t.account().equals(CONNECTOR_TENANT)) {
      return tenant;
    }
    String alpine = t.customers().get(0);
    // The connector's tenant also takes the demo's notification mails.
    return new TenantConfig(t.account(), t.name(), null, null, tenant.keys(),
        List.of(new ConnectorConfig(DemoConnector.NAME, connector.url(), connector.token(), null, 30L, 5L, null)), 86_400L,
        List.of(new FolderConfig(DemoConnector.NAME, "acme/SRV01", alpine, null),
            new FolderConfig(DemoConnector.NAME, "acme/SRV02", alpine, null),
            new FolderConfig(DemoConnector.NAME, "acme/OLD-SRV", alpine, null),
            new FolderConfig(DemoConnector.NAME, "globex/FS01", t.customers().get(1), 3_600L)),
        List.of(new CustomerConfig(alpine, 2L << 40))).withMail(new TenantMail(List.of(new MailAddressConfig(MAIL_ADDRESS, null)), null));
  }

  /** {@code smtp}: where the demo takes notification mails (for {@link #MAIL_ADDRESS}), or null when it does not. */
  public static String banner(URI uri, InetSocketAddress smtp) {
    StringBuilder text = new StringBuilder("\nVigil demo fleet is live (with image-backup connector ")
        .append(DemoConnector.NAME).append(" polled for ").append(CONNECTOR_TENANT).append(").\n")
        .append("  all tenants:  curl -H 'Authorization: Bearer ").append(ADMIN_KEY).append("' ").append(uri).append("/metrics\n");
    for (DemoTenant tenant : TENANTS) {
      text.append("  ").append(String.format("%-12s", tenant.account() + ":")).append(" push key ").append(pushKey(tenant.account()))
          .append(", read key ").append(readKey(tenant.account())).append(" -> ").append(uri).append("/tenants/")
          .append(tenant.account()).append("/metrics\n");
    }
    DemoTenant first = TENANTS.get(0);
    text.append("  reports:      curl -H 'Authorization: Bearer ").append(readKey(first.account())).append("' '").append(uri)
        .append("/tenants/").append(first.account()).append("/reports/daily?format=text'\n")
        .append("                curl -o report.pdf -H 'Authorization: Bearer ").append(readKey(first.account())).append("' '")
        .append(uri).append("/tenants/").append(first.account()).append("/reports/monthly?customer=")
        .append(first.customers().get(0).replace(" ", "%20")).append("&format=pdf'\n");
    if (smtp != null) {
      text.append("  mail:        notification mails to ").append(MAIL_ADDRESS).append(" (tenant ").append(CONNECTOR_TENANT)
          .append(") on smtp://").append(smtp.getHostString()).append(':').append(smtp.getPort()).append(", e.g.\n")
          .append("               swaks --server ").append(smtp.getHostString()).append(':').append(smtp.getPort()).append(" --to ")
          .append(MAIL_ADDRESS).append(" --from veeam@alpine-dental.example --header 'Subject: [Success] Nightly (3 objects)'\n");
    }
    return text.toString();
  }

  /** Pushes the back-dated history, then keeps the fleet reporting every few seconds. */
  public void start() throws IOException, InterruptedException {
    Instant now = clock.instant();
    Map<String, List<Map<String, Object>>> history = new LinkedHashMap<>();
    for (SimulatedJob job : jobs) {
      history.computeIfAbsent(job.tenant(), t -> new ArrayList<>()).addAll(job.history(now));
    }
    for (SimulatedDevice device : devices) {
      history.computeIfAbsent(device.tenant(), t -> new ArrayList<>()).addAll(device.history(now, lastNightStart(now)));
    }
    for (Map.Entry<String, List<Map<String, Object>>> tenant : history.entrySet()) {
      List<Map<String, Object>> items = tenant.getValue();
      for (int from = 0; from < items.size(); from += CHUNK) {
        push(tenant.getKey(), items.subList(from, Math.min(items.size(), from + CHUNK)));
      }
    }
    ticker.scheduleWithFixedDelay(this::tick, TICK.toSeconds(), TICK.toSeconds(), TimeUnit.SECONDS);
  }

  /** When the newest finished night of the demo's tenants (UTC, the standard day start) started. */
  private static Instant lastNightStart(Instant now) {
    LocalTime dayStart = HistoryConfig.standard().dayStartTime();
    return NightlyHistory.nightStart(NightlyHistory.nightOf(now, ZoneOffset.UTC, dayStart).minusDays(1), ZoneOffset.UTC, dayStart);
  }

  private void tick() {
    Instant now = clock.instant();
    Map<String, List<Map<String, Object>>> due = new LinkedHashMap<>();
    jobs.forEach(job -> due.computeIfAbsent(job.tenant(), t -> new ArrayList<>()).addAll(job.due(now)));
    devices.forEach(device -> due.computeIfAbsent(device.tenant(), t -> new ArrayList<>()).addAll(device.due(now)));
    due.forEach((tenant, items) -> {
      if (!items.isEmpty()) {
        try {
          push(tenant, items);
        } catch (IOException e) {
          log.warn("demo push for {} failed: {}", tenant, e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
  }

  /**
   * As a real agent should: a connection closed or refused, a 429 or a 503 is tried again after a growing
   * pause (a resent item is recognised by its ids, so it is never counted twice); other answers are final.
   */
  private void push(String tenant, List<Map<String, Object>> items) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/batch"))
        .header("Authorization", "Bearer " + pushKey(tenant))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("items", items))))
        .build();
    Duration pause = FIRST_RETRY;
    for (int attempt = 1; ; attempt++) {
      String failure = tryOnce(request);
      if (failure == null) {
        return;
      }
      if (attempt == ATTEMPTS) {
        throw new IOException(failure + " (gave up after " + ATTEMPTS + " attempts)");
      }
      log.debug("demo push for {} failed ({}); trying again in {} ms", tenant, failure, pause.toMillis());
      Thread.sleep(pause.toMillis());
      pause = pause.multipliedBy(2);
    }
  }

  /** Null when accepted; why, when it is worth trying again; throws when the answer is final. */
  private String tryOnce(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return e.toString(); // refused, closed before an answer, timed out
    }
    if (response.statusCode() == 200) {
      return null;
    }
    String failure = "push answered " + response.statusCode() + ": " + response.body();
    if (response.statusCode() == 429 || response.statusCode() == 503) {
      return failure;
    }
    throw new IOException(failure);
  }

  private void build(Instant now) {
    for (DemoTenant tenant : TENANTS) {
      int daily = 0;
      int hourly = 0;
      int sites = 0;
      for (int c = 0; c < tenant.customers().size(); c++) {
        String customer = tenant.customers().get(c);
        String server = slug(customer) + "-fs01";
        for (String job : List.of("system-image", "file-share")) {
          jobs.add(SimulatedJob.daily(tenant.account(), customer, server, job, dailyScenario(daily++), now));
        }
        if (c < 2) {
          // A weekly job on the first customer that stays ok on its off days; on the second one that has missed its
          // last Saturdays.
          jobs.add(SimulatedJob.weekly(tenant.account(), customer, server, "weekly-archive", c == 0 ? Scenario.OK : Scenario.OVERDUE,
              now));
        }
        if (c % 2 == 0) {
          String sql = slug(customer) + "-sql01";
          jobs.add(SimulatedJob.hourly(tenant.account(), customer, sql, "sql-logs",
              hourly++ == 0 ? Scenario.FAILING : Scenario.OK, now));
          jobs.add(SimulatedJob.daily(tenant.account(), customer, sql, "sql-full", dailyScenario(daily++), now));
        } else {
          devices.add(new SimulatedDevice(tenant.account(), customer, slug(customer) + "-nvr01", sites == 0,
              siteError(sites), now));
          sites++;
        }
      }
    }
  }

  private static Scenario dailyScenario(int index) {
    return switch (index % 10) {
      case 1 -> Scenario.OVERDUE;
      case 4 -> Scenario.FAILED;
      case 7 -> Scenario.WARNING;
      default -> Scenario.OK;
    };
  }

  private static DeviceError siteError(int index) {
    return switch (index) {
      case 1 -> DeviceError.DISK_FULL;
      case 2 -> DeviceError.CAMERA_UNREACHABLE;
      case 3 -> DeviceError.LICENSE_EXCEEDED;
      default -> null;
    };
  }

  static String slug(String name) {
    return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private record DemoTenant(String account, String name, List<String> customers) {}
}
