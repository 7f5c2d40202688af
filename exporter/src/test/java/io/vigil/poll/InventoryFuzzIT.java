package io.vigil.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.vigil.config.ConnectorConfig;
import io.vigil.config.LiveConfig;
import io.vigil.config.TenantConfig;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.ConnectorCollector;
import io.vigil.testsupport.Exposition;
import io.vigil.testsupport.FuzzRun;
import io.vigil.testsupport.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing (Jazzer) of connector inventory responses: the parser throws nothing but its
 * own rejection, and whatever it accepts renders, through the chain collector, a valid exposition whose
 * label values are the inventory's names, escaped and bounded. Stored inputs, seeds and findings alike,
 * are under src/test/resources/io/vigil/poll/InventoryFuzzITInputs/inventories.
 */
class InventoryFuzzIT {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final ConnectorKey KEY = new ConnectorKey("acme", "img01");
  /** customer/folder, each at most the parser's 255 characters. */
  private static final int MAX_LABEL_VALUE = 2 * 255 + 1;
  private static final FuzzRun RUN = new FuzzRun("inventories");
  private static final InventoryParser PARSER = new InventoryParser();
  private static final ConnectorStates STATES = new ConnectorStates();
  private static final ConnectorCollector COLLECTOR = new ConnectorCollector(STATES,
      new LiveConfig(new VigilConfig(null, null, null, null, null, List.of(new TenantConfig("acme", null, null, null, List.of(),
          List.of(ConnectorConfig.of(KEY.connector(), "http://127.0.0.1:9", "t")), null, null, null))), null),
      Clock.fixed(NOW, ZoneOffset.UTC), null);
  private static String lastAccepted;

  @DictionaryFile(resourcePath = "/io/vigil/json.dict")
  @FuzzTest(maxDuration = "20s")
  void inventories(byte[] body) throws IOException {
    RUN.input();
    Inventory inventory;
    try {
      inventory = PARSER.parse(body);
    } catch (InventoryParser.MalformedInventoryException e) {
      return;
    }
    STATES.record(KEY, new Fetch(PollResult.OK, inventory, null, "ok"), NOW, Duration.ofMillis(5));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, COLLECTOR.collect());
    lastAccepted = out.toString(StandardCharsets.UTF_8);
    Exposition exposition = Exposition.parseStrict(lastAccepted);
    for (String family : List.of("vigil_connector_info", "vigil_connector_unparseable_files", "vigil_folder_unmanaged",
        "vigil_chain_depth")) {
      exposition.samples(family).forEach(sample -> assertThat(sample.labels().values())
          .as("label values of %s", sample).allSatisfy(value -> assertThat(value).hasSizeLessThanOrEqualTo(MAX_LABEL_VALUE)));
    }
    for (Inventory.Folder folder : inventory.folders()) {
      assertThat(exposition.find("vigil_folder_unmanaged", "folder", folder.path())).as("the series of folder %s", folder.path())
          .isPresent();
    }
  }

  @AfterAll
  static void lastAcceptedPassesPromtool() throws Exception {
    assertThat(lastAccepted).as("no input was accepted: the seeds must be valid inventories").isNotNull();
    Promtool.assertValidExposition(lastAccepted);
    RUN.assertFuzzed();
  }
}
