package io.vigil.testsupport;

/** Inventory documents as a connector serves them (connector/README.md, version 1), for tests. */
public final class Inventories {
  private Inventories() {}

  /**
   * acme/SRV01 (managed) with volume C_VOL: current chain b002 (depth 5, usage 1000, retention 200)
   * and an older chain b001 (retention 300, unexpected retention); acme/OLD-SRV (unmanaged, one
   * broken chain D_VOL). Repository: 1,000,000 bytes, 400,000 free. Carries fields the exporter
   * does not know, as a newer connector might, and lacks those an older connector did not send
   * (differential and rolling counts, integrity, newest file time, unparseable counts).
   */
  public static String sample() {
    return """
        {"version":1,"connector":{"name":"img01","version":"9.9.9","vendor_extra":true},"scanned_at":"2026-11-25T10:00:00Z",
         "something_new":{"a":[1,2,3]},
         "repository":{"root":"/srv/images","size_bytes":1000000,"free_bytes":400000,"image_bytes":1500},
         "folders":[
          {"customer":"acme","folder":"OLD-SRV","managed":false,"volumes":[
            {"volume":"D_VOL","base":"b001","current":true,"depth":2,"images":{"base":1,"incremental":2,"daily":0,"weekly":0,"monthly":0},
             "newest_image_time":"2026-05-01T00:00:00Z","usage_bytes":50,"retention_bytes":0,"broken":true,"missing":["D_VOL-b001-i002.spi"],
             "missing_count":1,"restore_path":[],"restore_points":3,"retention_unexpected":false,"retention_reasons":[]}]},
          {"customer":"acme","folder":"SRV01","managed":true,"volumes":[
            {"volume":"C_VOL","base":"b001","current":false,"depth":2,"images":{"base":1,"incremental":0,"daily":0,"weekly":0,"monthly":1},
             "newest_image_time":"2026-10-01T00:00:00Z","usage_bytes":0,"retention_bytes":300,"broken":false,"missing":[],"missing_count":0,
             "restore_path":[],"restore_points":2,"retention_unexpected":true,"retention_reasons":["42 restore points exceed the maximum of 30"]},
            {"volume":"C_VOL","base":"b002","current":true,"depth":5,"images":{"base":1,"incremental":3,"daily":1,"weekly":0,"monthly":0},
             "newest_image_time":"2026-11-25T09:00:00Z","usage_bytes":1000,"retention_bytes":200,"broken":false,"missing":[],"missing_count":0,
             "restore_path":["C_VOL-b002.spf"],"restore_points":5,"retention_unexpected":false,"retention_reasons":[],"future":1}]}],
         "unmanaged_folders":[{"customer":"acme","folder":"OLD-SRV"}],"missing_managed_folders":[],"unparseable_files":[]}
        """;
  }

  /**
   * {@link #sample()} as a connector with integrity checks serves it: the current chain C_VOL b002 has
   * 1 differential and 2 rolling images, 2 images without their .md5, a bad.log of 2026-11-25T08:00:00Z,
   * and its newest file (a consolidation) from 2026-11-25T09:30:00Z; the older chain b001 has one unverified
   * image. Unparseable files: 3 in acme/SRV01, 1 in customer acme, 2 under the root.
   */
  public static String withIntegrity() {
    return sample()
        .replace("\"images\":{\"base\":1,\"incremental\":3,\"daily\":1,\"weekly\":0,\"monthly\":0}",
            "\"images\":{\"base\":1,\"differential\":1,\"incremental\":3,\"daily\":1,\"weekly\":0,\"monthly\":0,\"rolling\":2},"
                + "\"unverified_images\":2,\"verification_failed\":true,\"verification_failed_time\":\"2026-11-25T08:00:00Z\","
                + "\"newest_file_time\":\"2026-11-25T09:30:00Z\"")
        .replace("\"images\":{\"base\":1,\"incremental\":0,\"daily\":0,\"weekly\":0,\"monthly\":1}",
            "\"images\":{\"base\":1,\"differential\":0,\"incremental\":0,\"daily\":0,\"weekly\":0,\"monthly\":1,\"rolling\":0},"
                + "\"unverified_images\":1,\"verification_failed\":false,\"verification_failed_time\":null,"
                + "\"newest_file_time\":\"2026-10-01T00:00:00Z\"")
        .replace("\"unparseable_files\":[]", "\"unparseable_files\":[{\"path\":\"junk.txt\",\"reason\":\"not an image\"}],"
            + "\"unparseable_files_total\":6,\"unparseable_counts\":[{\"folder\":\"\",\"count\":2},{\"folder\":\"acme\",\"count\":1},"
            + "{\"folder\":\"acme/SRV01\",\"count\":3}]");
  }
}
