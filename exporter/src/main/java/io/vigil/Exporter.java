package io.vigil;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vigil.config.ConfigLoader;
import io.vigil.config.LiveConfig;
import io.vigil.config.StoreType;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.console.ConsolePages;
import io.vigil.history.NightlyHistory;
import io.vigil.http.Authenticator;
import io.vigil.http.HttpServer;
import io.vigil.http.Routes;
import io.vigil.http.Scrape;
import io.vigil.mail.MailIngest;
import io.vigil.mail.MailListener;
import io.vigil.mail.MailMetrics;
import io.vigil.metrics.ConnectorCollector;
import io.vigil.metrics.ConnectorExposition;
import io.vigil.metrics.FleetCollector;
import io.vigil.metrics.FleetExposition;
import io.vigil.metrics.SelfMetrics;
import io.vigil.metrics.TenantEntities;
import io.vigil.poll.ChainGraphs;
import io.vigil.poll.ConnectorClient;
import io.vigil.poll.ConnectorPoller;
import io.vigil.poll.ConnectorStates;
import io.vigil.push.PushParser;
import io.vigil.report.DeliveryLedger;
import io.vigil.report.DeliveryMetrics;
import io.vigil.report.DigestBuilder;
import io.vigil.report.MonthlyBuilder;
import io.vigil.report.ReportScheduler;
import io.vigil.report.RenderProcess;
import io.vigil.report.ReportPace;
import io.vigil.report.ReportQueue;
import io.vigil.report.Reports;
import io.vigil.report.SmtpMailer;
import io.vigil.state.Fleet;
import io.vigil.state.Recorder;
import io.vigil.state.SharedPolls;
import io.vigil.store.Snapshot;
import io.vigil.store.Store;
import io.vigil.store.StoreException;
import io.vigil.store.StoreFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running exporter: store, fleet state, writer, metrics and HTTP server, wired by hand. */
public final class Exporter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Exporter.class);
  private static final int WRITE_QUEUE = 10_000;
  private static final int POLL_THREADS = 4;
  private static final int POLL_CONNECTIONS = 50;
  /** Monthly reports asked for while another is made; past that the report endpoint answers 503 with Retry-After. */
  private static final int REPORTS_WAITING = 32;
  private static final Duration RENDER_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration RENDERER_IDLE = Duration.ofMinutes(10);

  private final LiveConfig config;
  private final Store store;
  private final Recorder recorder;
  private final HttpServer http;
  private final ScheduledExecutorService maintenance;
  private final AtomicBoolean ready;
  private final ConnectorClient connectorClient;
  private final ConnectorPoller poller;
  private final ReportScheduler reports;
  private final RenderProcess renderer;
  /** Null unless {@code smtp.listen} is set; started once the HTTP server serves. */
  private MailListener mail;

  private Exporter(LiveConfig config, Store store, Recorder recorder, HttpServer http, ScheduledExecutorService maintenance,
      AtomicBoolean ready, ConnectorClient connectorClient, ConnectorPoller poller, ReportScheduler reports, RenderProcess renderer) {
    this.reports = reports;
    this.renderer = renderer;
    this.ready = ready;
    this.connectorClient = connectorClient;
    this.poller = poller;
    this.config = config;
    this.store = store;
    this.recorder = recorder;
    this.http = http;
    this.maintenance = maintenance;
  }

  /** Work done once the server answers but before /-/ready says so, e.g. the demo's back-dated history. */
  @FunctionalInterface
  public interface Warmup {
    void run(Exporter exporter) throws Exception;
  }

  /**
   * How writes are made: the store as opened, passed through {@code store} (tests wrap it to inject faults),
   * and how long a push waits for the writer to take it before it is answered 503 and dropped.
   */
  public record Writing(UnaryOperator<Store> store, Duration ackTimeout) {
    public static final Writing DEFAULT = new Writing(UnaryOperator.identity(), Duration.ofSeconds(30));
  }

  /** Opens the store, loads the state, starts serving. {@code configFile} may be null (nothing to reload). */
  public static Exporter start(VigilConfig initial, Path configFile, Clock clock) throws Exception {
    return start(initial, configFile, clock, exporter -> { });
  }

  public static Exporter start(VigilConfig initial, Path configFile, Clock clock, Warmup warmup) throws Exception {
    return start(initial, configFile, clock, warmup, Writing.DEFAULT);
  }

  public static Exporter start(VigilConfig initial, Path configFile, Clock clock, Warmup warmup, Writing writing)
      throws Exception {
    LiveConfig config = new LiveConfig(initial, configFile, new ConfigLoader(clock));
    Store store = writing.store().apply(StoreFactory.open(initial.store()));
    Snapshot snapshot;
    try {
      snapshot = store.load();
    } catch (StoreException e) {
      store.close();
      throw e;
    }
    Fleet fleet = Fleet.of(snapshot);
    ConnectorStates connectors = new ConnectorStates();
    snapshot.connectors().forEach(connectors::apply);
    Recorder recorder = new Recorder(store, fleet, clock, WRITE_QUEUE, writing.ackTimeout(), connectors::apply,
        account -> config.current().heartbeatIntervalFor(account));
    store.onChanges(recorder::catchUp);

    Authenticator auth = new Authenticator(initial);
    config.onChange(auth::update);
    // Everything but the fleet and the connectors, which Scrape writes directly.
    PrometheusRegistry others = new PrometheusRegistry();
    SelfMetrics self = new SelfMetrics(others, version(), recorder);
    JvmMetrics.builder().register(others);
    others.register(new TenantEntities(fleet, connectors, config, null));
    Scrape all = scrape(fleet, connectors, config, clock, null, others);
    ConnectorClient connectorClient = new ConnectorClient(POLL_CONNECTIONS);
    ConnectorPoller poller = new ConnectorPoller(connectorClient, connectors, clock, self::poll, POLL_THREADS,
        new SharedPolls(store, recorder));

    ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-maintenance");
      t.setDaemon(true);
      return t;
    });
    AtomicBoolean ready = new AtomicBoolean();
    ChainGraphs chains = new ChainGraphs(connectorClient, config);
    NightlyHistory history = new NightlyHistory(store::runs, fleet, config::current, clock);
    ConsolePages console = new ConsolePages(fleet, config, connectors, store::runs, store::events, chains, history, clock);
    RenderProcess renderer = new RenderProcess(RENDER_TIMEOUT, RENDERER_IDLE);
    Reports reports = new Reports(config::current, clock, new DigestBuilder(fleet, connectors, store),
        new MonthlyBuilder(history, store, fleet, connectors), renderer, new ReportQueue(REPORTS_WAITING),
        new ReportPace(() -> config.current().reports().workShare()));
    ReportScheduler scheduler = new ReportScheduler(config, clock, new DeliveryLedger(store, recorder), reports, SmtpMailer::new,
        new DeliveryMetrics(others));
    PushParser pushParser = new PushParser(() -> config.current().limits(), clock);
    MailMetrics mailMetrics = new MailMetrics(others);
    mailMetrics.known(initial.tenants().stream().map(TenantConfig::account).toList());
    config.onChange(changed -> mailMetrics.known(changed.tenants().stream().map(TenantConfig::account).toList()));
    HttpServer http = new HttpServer(listenAddress(initial.listen()), config, clock, new Routes(auth,
        pushParser, recorder, store::runs, self, all,
        tenant -> tenantScrape(fleet, connectors, config, clock, recorder, tenant), chains, console,
        () -> ready.get() && recorder.fault().isEmpty(), history, reports, store::unparsed));
    self.tlsCertificate(http::certificateNotAfter);
    Exporter exporter = new Exporter(config, store, recorder, http, maintenance, ready, connectorClient, poller, scheduler,
        renderer);
    try {
      http.start();
      if (initial.smtp().listen() != null) {
        exporter.mail = MailListener.start(config, new MailIngest(config, pushParser, recorder, clock), mailMetrics,
            initial.tls() != null ? initial.tls().load(clock) : null, clock);
        log.info("taking notification mails on {}", exporter.mail.address());
      }
      // Counted before any warm-up pushes, so "loaded" means what the store held at start.
      Object data = initial.store().type() == StoreType.POSTGRESQL ? initial.store().url() : Path.of(initial.dataDir()).toAbsolutePath();
      log.info("Vigil exporter {} serving on {} with data in {} ({} jobs, {} devices loaded)", version(), http.uri(), data,
          fleet.tenants().stream().mapToInt(t -> fleet.jobs(t).size()).sum(),
          fleet.tenants().stream().mapToInt(t -> fleet.devices(t).size()).sum());
      maintenance.scheduleWithFixedDelay(() -> retireInactive(config, recorder, self, clock), 0, 60, TimeUnit.MINUTES);
      poller.update(initial);
      config.onChange(poller::update);
      warmup.run(exporter);
      // After the warm-up, so a demo's first digest already sees its back-dated history.
      scheduler.start();
    } catch (Exception e) {
      // The store and the threads are closed, so a failed start (a busy port) leaves nothing open behind.
      exporter.release();
      throw e;
    }
    ready.set(true);
    return exporter;
  }

  private static Scrape tenantScrape(Fleet fleet, ConnectorStates connectors, LiveConfig config, Clock clock,
      Recorder recorder, String tenant) {
    PrometheusRegistry own = new PrometheusRegistry();
    SelfMetrics.registerHealth(own, version(), recorder);
    own.register(new TenantEntities(fleet, connectors, config, tenant));
    return scrape(fleet, connectors, config, clock, tenant, own);
  }

  private static Scrape scrape(Fleet fleet, ConnectorStates connectors, LiveConfig config, Clock clock, String tenant,
      PrometheusRegistry others) {
    return new Scrape(new FleetExposition(fleet, config, clock, tenant), new FleetCollector(fleet, config, clock, tenant),
        new ConnectorExposition(connectors, config, clock, tenant), new ConnectorCollector(connectors, config, clock, tenant), others);
  }

  private static void retireInactive(LiveConfig config, Recorder recorder, SelfMetrics self, Clock clock) {
    VigilConfig cfg = config.current();
    Instant now = clock.instant();
    recorder.retireInactive(now.minus(Duration.ofDays(cfg.defaults().retireAfterDays())),
            now.minus(Duration.ofDays(cfg.defaults().historyDays())))
        .future().whenComplete((retired, failure) -> {
          if (failure != null) {
            log.warn("retiring inactive jobs and devices failed: {}", failure.getMessage());
          } else if (retired.jobs() + retired.devices() > 0) {
            self.retired(retired.jobs(), retired.devices(), "inactive");
            log.info("retired {} job(s) and {} device(s) without a report for {} days", retired.jobs(), retired.devices(),
                cfg.defaults().retireAfterDays());
          }
        });
  }

  static InetSocketAddress listenAddress(String listen) {
    int colon = listen.lastIndexOf(':');
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(listen.substring(colon + 1)));
  }

  static String version() {
    String version = Exporter.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }

  public URI uri() {
    return http.uri();
  }

  /** Where the SMTP listener takes mail; empty when it is off. */
  public Optional<InetSocketAddress> smtpAddress() {
    return Optional.ofNullable(mail).map(MailListener::address);
  }

  public LiveConfig config() {
    return config;
  }

  /** Polls every configured connector now and waits for the answers (each bounded by its timeout). */
  public void pollConnectorsNow() {
    poller.pollNow();
  }

  /** Stops taking requests, lets those in flight finish, writes what is queued, closes the store. */
  @Override
  public void close() {
    release();
    log.info("Vigil exporter stopped");
  }

  /** What {@link #close} does, for a start that failed: it never said it was serving. */
  private void release() {
    ready.set(false);
    reports.close();
    maintenance.shutdownNow();
    poller.close();
    connectorClient.close();
    if (mail != null) {
      mail.close();
    }
    try {
      http.stop();
    } catch (Exception e) {
      log.warn("HTTP server did not stop cleanly: {}", e.getMessage());
    }
    renderer.close();
    recorder.close();
    store.close();
  }
}
