package io.vigil.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testsupport.Inventories;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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

  @Test
  void anInventoryOfAnOlderConnectorHasNoDifferentialsRollingsOrIntegrityProblems() throws Exception {
    Inventory inventory = parse(Inventories.sample());
    Inventory.Volume current = inventory.folders().get(1).volumes().get(1);
    assertThat(current.images().differential()).isZero();
    assertThat(current.images().rolling()).isZero();
    assertThat(current.unverifiedImages()).isZero();
    assertThat(current.verificationFailed()).isFalse();
    assertThat(current.verificationFailedTime()).isNull();
    assertThat(current.newestFileTime()).isNull();
    assertThat(inventory.unparseableCounts()).isEmpty();
  }

  @Test
  void integrityNewestFileAndUnparseableCountsAreRead() throws Exception {
    Inventory inventory = parse(Inventories.withIntegrity());
    Inventory.Volume current = inventory.folders().get(1).volumes().get(1);
    assertThat(current.images()).isEqualTo(new Inventory.Images(1, 1, 3, 1, 0, 0, 2));
    assertThat(current.unverifiedImages()).isEqualTo(2);
    assertThat(current.verificationFailed()).isTrue();
    assertThat(current.verificationFailedTime()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
    assertThat(current.newestFileTime()).isEqualTo(Instant.parse("2026-11-25T09:30:00Z"));
    assertThat(current.newestImageTime()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
    assertThat(inventory.unparseableCounts()).containsExactly(new Inventory.UnparseableCount("", 2L),
        new Inventory.UnparseableCount("acme", 1L), new Inventory.UnparseableCount("acme/SRV01", 3L));
  }

  @Test
  void badIntegrityAndUnparseableFieldsAreMalformedNamingTheField() {
    String good = Inventories.withIntegrity();
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put(good.replace("\"unverified_images\":2", "\"unverified_images\":-1"), "volumes[1].unverified_images: must be a number 0 or greater");
    bad.put(good.replace("\"rolling\":2", "\"rolling\":-2"), "volumes[1].images: must be a number 0 or greater");
    bad.put(good.replace("\"differential\":1", "\"differential\":-1"), "volumes[1].images: must be a number 0 or greater");
    bad.put(good.replace("\"2026-11-25T08:00:00Z\"", "\"+10000-01-01T00:00:00Z\""), "volumes[1].verification_failed_time: must be between");
    bad.put(good.replace("\"2026-11-25T09:30:00Z\"", "\"-999999999-01-01T00:00:00Z\""), "volumes[1].newest_file_time: must be between");
    bad.put(good.replace("\"verification_failed\":true", "\"verification_failed\":\"yes\""), "not an inventory document");
    bad.put(good.replace("{\"folder\":\"acme\",\"count\":1}", "{\"folder\":\"acme\",\"count\":-1}"),
        "unparseable_counts[1].count: must be a number 0 or greater");
    bad.put(good.replace("{\"folder\":\"acme\",\"count\":1}", "{\"folder\":\"acme/SRV01\",\"count\":1}"),
        "unparseable_counts[2]: place 'acme/SRV01' is listed twice");
    bad.put(good.replace("{\"folder\":\"acme\",\"count\":1}", "{\"folder\":\"a/b/c\",\"count\":1}"),
        "unparseable_counts[1].folder: must be CUSTOMER/FOLDER, CUSTOMER or \"\"");
    bad.put(good.replace("{\"folder\":\"acme\",\"count\":1}", "{\"folder\":\"acme/\",\"count\":1}"),
        "unparseable_counts[1].folder: must be 1-255 characters without '/'");
    bad.put(good.replace("{\"folder\":\"acme\",\"count\":1}", "{\"folder\":\"" + "x".repeat(256) + "\",\"count\":1}"),
        "unparseable_counts[1].folder: must be 1-255 characters without '/'");
    bad.put(good.replace("{\"folder\":\"acme\",\"count\":1}", "{\"count\":1}"), "unparseable_counts[1].folder: missing");
    bad.put(good.replace("{\"folder\":\"acme\",\"count\":1}", "{\"folder\":\"acme\"}"),
        "unparseable_counts[1].count: must be a number 0 or greater, got null");
    bad.forEach((body, message) -> assertThatThrownBy(() -> parse(body)).as(message)
        .isInstanceOf(InventoryParser.MalformedInventoryException.class).hasMessageContaining(message));
  }
}
