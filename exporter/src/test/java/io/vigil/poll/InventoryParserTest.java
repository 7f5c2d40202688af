package io.vigil.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testsupport.Inventories;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InventoryParserTest {
  final InventoryParser parser = new InventoryParser();

  Inventory parse(String body) throws InventoryParser.MalformedInventoryException {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSampleInventoryIsAccepted() throws Exception {
    assertThat(parse(Inventories.sample()).folders()).hasSize(2);
  }

  // Found by InventoryFuzzIT: accepted, then every scrape failed with "long overflow" turning the time into a gauge.
  @Test
  void anImageTimeMillionsOfYearsAwayIsMalformed() {
    for (String time : new String[] {"10000000000000000", "\"-999999999-01-01T00:00:00Z\"", "\"+10000-01-01T00:00:00Z\""}) {
      assertThatThrownBy(() -> parse(Inventories.sample().replace("\"2026-11-25T09:00:00Z\"", time)))
          .isInstanceOf(InventoryParser.MalformedInventoryException.class)
          .hasMessageContaining("newest_image_time: must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    }
  }

  @Test
  void aConnectorVersionTooLongForALabelIsMalformed() {
    assertThatThrownBy(() -> parse(Inventories.sample().replace("\"9.9.9\"", "\"" + "9".repeat(256) + "\"")))
        .isInstanceOf(InventoryParser.MalformedInventoryException.class)
        .hasMessageContaining("connector.version: must be 1-255 characters");
  }
}
