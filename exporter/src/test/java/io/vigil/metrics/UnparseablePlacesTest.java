package io.vigil.metrics;

import static io.vigil.metrics.ExpositionFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.LiveConfig;
import io.vigil.metrics.ConnectorView.UnparseableRow;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.ConnectorStates;
import io.vigil.poll.Fetch;
import io.vigil.poll.Inventory;
import io.vigil.poll.PollResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vigil_connector_unparseable_files stays bounded however many places a connector reports. */
class UnparseablePlacesTest {
  static final ConnectorKey IMG01 = new ConnectorKey("acme", "img01");

  @TempDir
  Path dir;
  LiveConfig config;

  @BeforeEach
  void config() throws Exception {
    config = ExpositionFixture.config(dir, """
        tenants:
          - account: acme
            connectors:
              - {name: img01, url: "http://127.0.0.1:1", token: t}
        """);
  }

  List<UnparseableRow> rows(List<Inventory.UnparseableCount> counts) {
    ConnectorStates states = new ConnectorStates();
    Inventory inventory = new Inventory(Inventory.VERSION, new Inventory.Connector("img01", "1"), NOW, new Inventory.Repository(1L, 1L),
        List.of(), counts);
    states.record(IMG01, new Fetch(PollResult.OK, inventory, null, "ok"), NOW, Duration.ZERO);
    return ConnectorView.of(states, config.current(), null, NOW).unparseable();
  }

  @Test
  void upToTheLimitEveryPlaceIsItsOwnSeries() {
    List<Inventory.UnparseableCount> counts = new ArrayList<>();
    for (int i = 0; i < ConnectorView.MAX_UNPARSEABLE_PLACES; i++) {
      counts.add(new Inventory.UnparseableCount("c/f" + i, 1L + i));
    }
    assertThat(rows(counts)).hasSize(ConnectorView.MAX_UNPARSEABLE_PLACES).noneMatch(r -> r.folder().equals(ConnectorView.OTHER_PLACES));
  }

  @Test
  void beyondTheLimitTheLargestPlacesAreKeptAndTheRestSummedIntoOther() {
    List<Inventory.UnparseableCount> counts = new ArrayList<>();
    for (int i = 0; i < ConnectorView.MAX_UNPARSEABLE_PLACES + 3; i++) {
      counts.add(new Inventory.UnparseableCount("c/f" + i, 10L + i));
    }
    List<UnparseableRow> rows = rows(counts);
    assertThat(rows).hasSize(ConnectorView.MAX_UNPARSEABLE_PLACES + 1);
    assertThat(rows).filteredOn(r -> r.folder().equals(ConnectorView.OTHER_PLACES)).singleElement()
        .extracting(UnparseableRow::count).as("the three smallest: 10 + 11 + 12").isEqualTo(33L);
    assertThat(rows).extracting(UnparseableRow::folder).doesNotContain("c/f0", "c/f1", "c/f2").contains("c/f3", "c/f502");
    assertThat(rows.stream().mapToLong(UnparseableRow::count).sum()).as("no file lost from the total")
        .isEqualTo(counts.stream().mapToLong(Inventory.UnparseableCount::count).sum());
  }

  @Test
  void aRealPlaceNamedOtherIsAddedToNotWrittenTwice() {
    List<Inventory.UnparseableCount> counts = new ArrayList<>();
    counts.add(new Inventory.UnparseableCount(ConnectorView.OTHER_PLACES, 1_000L));
    for (int i = 0; i < ConnectorView.MAX_UNPARSEABLE_PLACES; i++) {
      counts.add(new Inventory.UnparseableCount("c/f" + i, 5L));
    }
    assertThat(rows(counts)).filteredOn(r -> r.folder().equals(ConnectorView.OTHER_PLACES)).singleElement()
        .extracting(UnparseableRow::count).isEqualTo(1_005L);
  }
}
