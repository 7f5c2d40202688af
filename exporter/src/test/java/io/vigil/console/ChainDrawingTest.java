package io.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain visualiser's drawing of a chain document in the connector's format (connector/README.md). */
class ChainDrawingTest {
  static final String DOCUMENT = """
      {"version":1,"customer":"acme","folder":"SRV01","volume":"D_VOL","chains":[
       {"base":"b001","current":false,"broken":false,"missing":[],"images":[
        {"name":"D_VOL-b001.spf","kind":"base","line":0,"first":0,"last":0,"bytes":1048576,"time":"2026-10-01T00:00:00Z",
         "on_restore_path":false,"md5":true,"parts":0}]},
       {"base":"b002","current":true,"broken":true,"missing":["D_VOL-b002-i003.spi..D_VOL-b002-i004.spi"],"images":[
        {"name":"D_VOL-b002.spf","kind":"base","line":0,"first":0,"last":0,"bytes":2147483648,"time":"2026-11-01T00:00:00Z",
         "on_restore_path":true,"md5":true,"parts":0},
        {"name":"D_VOL-b002-i001-cd.spi","kind":"daily","line":0,"first":1,"last":2,"bytes":1024,"time":"2026-11-02T00:00:00Z",
         "on_restore_path":true,"md5":false,"parts":0},
        {"name":"D_VOL-b002-i001.spi","kind":"incremental","line":0,"first":1,"last":1,"bytes":512,"time":"2026-11-01T04:00:00Z",
         "on_restore_path":false,"md5":true,"parts":0},
        {"name":"D_VOL-b002-i005.spi","kind":"incremental","line":0,"first":5,"last":5,"bytes":512,"time":"2026-11-02T08:00:00Z",
         "on_restore_path":true,"md5":true,"parts":0}]}]}""";

  final List<ChainDrawing> drawings = ChainDrawing.of(parse(DOCUMENT));

  @Test
  void theCurrentChainComesFirst() {
    assertThat(drawings).extracting(ChainDrawing::base).containsExactly("b002", "b001");
    assertThat(drawings.get(0).broken()).isTrue();
  }

  @Test
  void imagesOnTheRestorePathAreHighlightedAndTheOthersGreyedAsRetentionOnly() {
    List<ChainDrawing.Box> boxes = drawings.get(0).boxes();
    assertThat(boxes).filteredOn(b -> b.title().startsWith("D_VOL-b002-i001.spi:")).singleElement()
        .satisfies(b -> assertThat(b.css()).isEqualTo("incremental retained"));
    assertThat(boxes).filteredOn(b -> b.css().contains("path")).hasSize(3);
    assertThat(drawings.get(0).path()).hasSize(3);
  }

  @Test
  void aConsolidationSpansTheIncrementalsItReplaced() {
    List<ChainDrawing.Box> boxes = drawings.get(0).boxes();
    ChainDrawing.Box daily = boxes.stream().filter(b -> b.title().startsWith("D_VOL-b002-i001-cd.spi")).findFirst().orElseThrow();
    ChainDrawing.Box incremental = boxes.stream().filter(b -> b.title().startsWith("D_VOL-b002-i001.spi")).findFirst().orElseThrow();
    assertThat(daily.x()).isEqualTo(incremental.x());
    assertThat(daily.w()).isGreaterThan(incremental.w() * 3 / 2);
    assertThat(daily.y()).isLessThan(incremental.y());
  }

  @Test
  void aMissingRunIsMarkedWhereItsIncrementalsWouldBe() {
    List<ChainDrawing.Box> boxes = drawings.get(0).boxes();
    ChainDrawing.Box missing = boxes.stream().filter(b -> b.css().equals("missing")).findFirst().orElseThrow();
    ChainDrawing.Box fifth = boxes.stream().filter(b -> b.title().startsWith("D_VOL-b002-i005.spi")).findFirst().orElseThrow();
    assertThat(missing.title()).isEqualTo("D_VOL-b002-i003.spi..D_VOL-b002-i004.spi: missing");
    assertThat(missing.y()).isEqualTo(fifth.y());
    assertThat(missing.x() + missing.w()).isLessThanOrEqualTo(fifth.x());
  }

  @Test
  void eachImageSaysItsSizeTimeAndChecksumOnHover() {
    assertThat(drawings.get(0).boxes()).extracting(ChainDrawing.Box::title)
        .contains("D_VOL-b002.spf: base, 2.0 GiB, 2026-11-01 00:00 UTC, on the restore path")
        .contains("D_VOL-b002-i001-cd.spi: daily, 1.0 KiB, 2026-11-02 00:00 UTC, on the restore path, no .md5 checksum");
    assertThat(drawings.get(0).boxes()).filteredOn(b -> b.title().startsWith("D_VOL-b002-i001-cd.spi")).singleElement()
        .satisfies(b -> assertThat(b.css()).isEqualTo("daily path nomd5"));
  }

  @Test
  void lanesAreOnlyThoseOfKindsTheChainHas() {
    assertThat(drawings.get(0).lanes()).extracting(ChainDrawing.Lane::kind).containsExactly("base", "daily", "incremental");
    assertThat(drawings.get(1).lanes()).extracting(ChainDrawing.Lane::kind).containsExactly("base");
  }

  private static JsonNode parse(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
