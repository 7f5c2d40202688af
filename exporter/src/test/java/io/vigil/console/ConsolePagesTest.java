package io.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.LiveConfig;
import io.vigil.history.NightlyHistory;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.JobState;
import io.vigil.poll.ConnectorStates;
import io.vigil.state.Fleet;
import io.vigil.store.Snapshot;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview and the in-error list of a tenant with 120 customers, three of them failed and one overdue. */
class ConsolePagesTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  final TestClock clock = new TestClock(NOW);
  final ConsolePages pages;

  ConsolePagesTest() {
    List<JobState> jobs = new ArrayList<>();
    for (int c = 0; c < 120; c++) {
      String customer = String.format("Customer %03d", c);
      JobResult result = c == 7 || c == 42 || c == 99 ? JobResult.FAILED : JobResult.SUCCESS;
      Instant ended = NOW.minus(Duration.ofHours(c == 5 ? 49 : 1)).minusSeconds(c);
      jobs.add(JobState.first(new JobRun(new JobKey("acme", customer, "srv", "nightly"), "r" + c, result, ended.minusSeconds(60), ended,
          1, 1, 0, 0, result == JobResult.FAILED ? "disk full at " + customer : "ok", Duration.ofDays(1), null), ended));
    }
    jobs.add(JobState.first(new JobRun(new JobKey("globex", "Globex Only", "srv", "nightly"), "g", JobResult.FAILED, NOW.minusSeconds(120),
        NOW.minusSeconds(60), 1, 1, 0, 0, "globex", Duration.ofDays(1), null), NOW));
    Fleet fleet = Fleet.of(new Snapshot(jobs, List.of()));
    LiveConfig config = new LiveConfig(RunningExporter.config(Path.of("unused")), null);
    pages = new ConsolePages(fleet, config, new ConnectorStates(), (scope, from, to) -> List.of(), (scope, from, to) -> List.of(), null,
        new NightlyHistory((scope, from, to) -> List.of(), fleet, config::current, clock), clock);
  }

  @Test
  void theOverviewListsCustomersWorstFirstFiftyAPage() throws Exception {
    OverviewPage first = pages.overview("acme", null, null, 1);
    assertThat(first.matching()).isEqualTo(120);
    assertThat(first.pages()).isEqualTo(3);
    assertThat(first.rows()).hasSize(50);
    assertThat(first.rows()).extracting(OverviewPage.CustomerRow::customer).startsWith("Customer 007", "Customer 042", "Customer 099",
        "Customer 005");
    assertThat(first.rows().get(3).worst()).isEqualTo("overdue");
    assertThat(first.previous()).isNull();
    assertThat(first.next()).isEqualTo("/console/t/acme/?page=2");
    OverviewPage last = pages.overview("acme", null, null, 3);
    assertThat(last.rows()).hasSize(20);
    assertThat(last.next()).isNull();
  }

  /** acme is in UTC with nights from 06:00: at 03:00 on 1 December the night of 30 November is still going on. */
  @Test
  void aCustomerPageLinksTheReportsOfTheMonthOfTheCurrentNightAndTheOneBefore() throws Exception {
    clock.set(Instant.parse("2026-12-01T03:00:00Z"));
    assertThat(pages.customer("acme", "Customer 007").orElseThrow().reports()).extracting(CustomerPage.ReportLink::month)
        .containsExactly("2026-11", "2026-10");
    clock.set(Instant.parse("2026-12-01T06:00:00Z"));
    assertThat(pages.customer("acme", "Customer 007").orElseThrow().reports()).extracting(CustomerPage.ReportLink::month)
        .containsExactly("2026-12", "2026-11");
  }

  @Test
  void theOverviewShowsFourteenNightsPerCustomer() throws Exception {
    OverviewPage page = pages.overview("acme", null, null, 1);
    assertThat(page.nights()).hasSize(14).last().hasToString("2026-11-25");
    assertThat(page.rows()).allSatisfy(row -> assertThat(row.nights()).hasSize(14));
  }

  @Test
  void theOverviewFiltersByStatusAndSearchesCustomerNames() throws Exception {
    assertThat(pages.overview("acme", "failed", null, 1).rows()).extracting(OverviewPage.CustomerRow::customer)
        .containsExactly("Customer 007", "Customer 042", "Customer 099");
    assertThat(pages.overview("acme", null, "customer 04", 1).rows()).hasSize(10);
    assertThat(pages.overview("acme", "failed", "042", 1).rows()).extracting(OverviewPage.CustomerRow::customer)
        .containsExactly("Customer 042");
    assertThat(pages.overview("acme", null, null, 1).totals()).contains(new OverviewPage.Count("failed", 3),
        new OverviewPage.Count("overdue", 1), new OverviewPage.Count("ok", 116));
  }

  @Test
  void theInErrorListHasOnlyWhatIsWrongNewestFirstAndOnlyTheTenantsOwn() {
    List<ErrorsPage.Trouble> troubles = pages.errors("acme").troubles();
    assertThat(troubles).extracting(ErrorsPage.Trouble::customer)
        .containsExactly("Customer 007", "Customer 042", "Customer 099", "Customer 005");
    assertThat(troubles.get(0).status()).isEqualTo("failed");
    assertThat(troubles.get(0).detail()).startsWith("disk full at Customer 007");
    assertThat(troubles.get(3).status()).isEqualTo("overdue");
    assertThat(troubles.get(0).link()).isEqualTo("/console/t/acme/job?customer=Customer%20007&device=srv&job=nightly");
  }
}
