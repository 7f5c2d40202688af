package io.vigil.it;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.push.PushKind;
import io.vigil.testsupport.PathAndBody;
import io.vigil.testsupport.PushFuzzing;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing (Jazzer) of every push endpoint over HTTP, in one target so that one JVM and one
 * exporter serve them all and inputs build on each other's state. An input is {@code PATH\nBODY}
 * ({@link PathAndBody}).
 * Stored inputs, seeds and findings alike, are under src/test/resources/io/vigil/it/PushFuzzITInputs/pushes.
 */
class PushFuzzIT {
  private static final String RETIRE = "/api/v1/retire";
  private static final List<String> ENDPOINTS =
      Stream.concat(Arrays.stream(PushKind.values()).map(PushKind::path), Stream.of(RETIRE)).toList();

  @RegisterExtension
  static final PushFuzzing FUZZING = new PushFuzzing("pushes");

  @DictionaryFile(resourcePath = "/io/vigil/json.dict")
  @FuzzTest(maxDuration = "30s")
  void pushes(byte[] input) throws Exception {
    PathAndBody push = PathAndBody.of(input, ENDPOINTS);
    // What a retirement removed is pushed again, so that later inputs have something to retire.
    if (FUZZING.push(push.path(), push.body()).statusCode() == 200 && push.path().equals(RETIRE)) {
      FUZZING.restoreFixtures();
    }
  }
}
