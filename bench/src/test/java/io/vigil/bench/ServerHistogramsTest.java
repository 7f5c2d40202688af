package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServerHistogramsTest {
  static String exposition(int fast, int slow, double sum) {
    int all = fast + slow;
    return "# TYPE vigil_push_request_duration_seconds histogram\n"
        + "vigil_push_request_duration_seconds_bucket{kind=\"heartbeat\",le=\"0.001\"} " + fast + "\n"
        + "vigil_push_request_duration_seconds_bucket{kind=\"heartbeat\",le=\"0.01\"} " + all + "\n"
        + "vigil_push_request_duration_seconds_bucket{kind=\"heartbeat\",le=\"+Inf\"} " + all + "\n"
        + "vigil_push_request_duration_seconds_count{kind=\"heartbeat\"} " + all + "\n"
        + "vigil_push_request_duration_seconds_sum{kind=\"heartbeat\"} " + sum + "\n"
        + "vigil_store_commit_duration_seconds_bucket{le=\"0.001\"} 4\n"
        + "vigil_store_commit_duration_seconds_bucket{le=\"+Inf\"} 4\n"
        + "vigil_store_commit_duration_seconds_count 4\n"
        + "vigil_store_commit_duration_seconds_sum 0.002\n";
  }

  @Test
  void whatAWindowAddedIsTheDifferenceOfTwoScrapesAndItsQuantilesAreInterpolatedInTheirBucket() {
    Map<String, ServerHistograms.Histogram> total = new TreeMap<>();
    ServerHistograms.addChange(total, ServerHistograms.parse(exposition(100, 0, 0.05)), ServerHistograms.parse(exposition(190, 10, 0.2)));
    ServerHistograms.Histogram pushes = total.get("vigil_push_request_duration_seconds{kind=\"heartbeat\"}");
    assertThat(pushes.count()).isEqualTo(100);
    assertThat(pushes.sum()).isCloseTo(0.15, within(1e-9));
    // 90 in the first bucket, 10 in (1 ms, 10 ms]: the 99th of 100 is the 9th of those 10.
    assertThat(pushes.quantile(0.99)).isCloseTo(0.001 + 0.009 * 9 / 10, within(1e-9));
    assertThat(pushes.quantile(0.5)).isCloseTo(0.001 * 50 / 90, within(1e-9));
    assertThat(total.get("vigil_store_commit_duration_seconds{}").count()).as("no commit in between").isZero();
  }
}
