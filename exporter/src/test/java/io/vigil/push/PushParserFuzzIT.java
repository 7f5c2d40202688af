package io.vigil.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.config.Limits;
import io.vigil.model.Report;
import io.vigil.testsupport.FuzzRun;
import io.vigil.testsupport.PathAndBody;
import io.vigil.testsupport.PushFuzzing;
import io.vigil.testsupport.TestClock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the push parser alone, a thousand times faster than over HTTP
 * ({@code io.vigil.it.PushFuzzIT}): a body is turned into reports or refused with {@link PushRejected}
 * and a 400 or 413 naming why; any other exception would be a 500. Inputs are {@code PATH\nBODY}
 * ({@link PathAndBody}), stored under src/test/resources/io/vigil/push/PushParserFuzzITInputs/bodies.
 */
class PushParserFuzzIT {
  /** The kinds PushParser reads (a retirement is read by RetireParser, fuzzed over HTTP by PushFuzzIT). */
  private static final List<PushKind> KINDS = Arrays.stream(PushKind.values()).filter(k -> k != PushKind.RETIRE).toList();
  private static final List<String> PATHS = KINDS.stream().map(PushKind::path).toList();
  private static final FuzzRun RUN = new FuzzRun("push bodies");
  private static final PushParser PARSER = new PushParser(() -> new Limits(4096, 20, 64, 256, null, null), new TestClock(PushFuzzing.NOW));

  @DictionaryFile(resourcePath = "/io/vigil/json.dict")
  @FuzzTest(maxDuration = "20s")
  void bodies(byte[] input) {
    RUN.input();
    PathAndBody push = PathAndBody.of(input, PATHS);
    PushKind kind = KINDS.get(PATHS.indexOf(push.path()));
    try {
      List<Report> reports = PARSER.parse(kind, "acme", push.body());
      assertThat(reports).as("reports of %s", Arrays.toString(push.body())).isNotEmpty().doesNotContainNull();
    } catch (PushRejected e) {
      assertThat(e.status()).as("status of a refusal").isIn(400, 413);
      assertThat(e.getMessage()).as("the reason of a refusal").isNotBlank();
    }
  }

  @AfterAll
  static void fuzzed() {
    RUN.assertFuzzed();
  }
}
