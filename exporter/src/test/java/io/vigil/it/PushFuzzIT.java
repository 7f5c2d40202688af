package io.vigil.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.push.PushKind;
import io.vigil.testsupport.PushFuzzing;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing (Jazzer) of every push endpoint over HTTP, in one target so that one JVM and one
 * exporter serve them all and inputs build on each other's state. An input is {@code PATH\nBODY}: the
 * first line names the endpoint (any other first line picks one by its hash), the rest is the body.
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
    int newline = 0;
    while (newline < input.length && input[newline] != '\n') {
      newline++;
    }
    String first = new String(input, 0, newline, UTF_8);
    String path = ENDPOINTS.contains(first) ? first : ENDPOINTS.get(Math.floorMod(first.hashCode(), ENDPOINTS.size()));
    byte[] body = Arrays.copyOfRange(input, Math.min(newline + 1, input.length), input.length);
    // What a retirement removed is pushed again, so that later inputs have something to retire.
    if (FUZZING.push(path, body).statusCode() == 200 && path.equals(RETIRE)) {
      FUZZING.restoreFixtures();
    }
  }
}
