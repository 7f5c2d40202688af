package io.vigil.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.DeviceKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RetireParserTest {
  final RetireParser parser = new RetireParser();

  Retirement parse(String body) throws PushRejected {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  void assertRejected(byte[] body, String message) {
    assertThatThrownBy(() -> parser.parse(body)).isInstanceOfSatisfying(PushRejected.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).isEqualTo(message);
      assertThat(e.problems()).isEmpty();
    });
  }

  @Test
  void aDeviceIsRetiredWithAllItsJobsUnlessAJobIsNamed() throws Exception {
    assertThat(parse("{\"customer\": \"Dental\", \"device\": \"fs01\"}").normalizedJob()).isNull();
    assertThat(parse("{\"customer\": \"Dental\", \"device\": \"fs01\", \"job\": \"weekly\"}").normalizedJob()).isEqualTo("weekly");
  }

  @Test
  void namesAreLookedUpAsTheyAreKeptAndKeptAsSentForTheLog() throws Exception {
    Retirement retirement = parse("{\"customer\": \"Cafe\u0301\", \"device\": \"fs01\", \"job\": \"Nuite\u0301\"}");

    assertThat(retirement.deviceIn("acme")).isEqualTo(new DeviceKey("acme", "Caf\u00e9", "fs01"));
    assertThat(retirement.normalizedJob()).isEqualTo("Nuit\u00e9");
    assertThat(retirement.customer()).isEqualTo("Cafe\u0301");
  }

  @Test
  void customerAndDeviceAreRequired() {
    assertRejected("{\"customer\": \"Dental\"}".getBytes(StandardCharsets.UTF_8),
        "customer and device are required; add job to retire only that job");
    assertRejected("null".getBytes(StandardCharsets.UTF_8), "customer and device are required; add job to retire only that job");
  }

  @Test
  void unknownFieldsAndMalformedJsonSayWhatIsExpected() {
    assertThatThrownBy(() -> parse("{\"customer\": \"a\", \"device\": \"b\", \"colour\": \"red\"}"))
        .isInstanceOfSatisfying(PushRejected.class, e -> assertThat(e.getMessage())
            .startsWith("expected {\"customer\": ..., \"device\": ..., \"job\": ... (optional)}: ").contains("colour"));
    assertThatThrownBy(() -> parse("{\"customer\": ")).isInstanceOfSatisfying(PushRejected.class,
        e -> assertThat(e.status()).isEqualTo(400));
  }

  // '{' and three zero bytes look like UTF-32LE to Jackson; decoding then fails with a CharConversionException.
  @Test
  void aBodyThatIsNotUtf8IsRefusedNotThrown() {
    byte[] utf32ish = {'{', 0, 0, 0, 'a', 't', 'o', 'm', 'e'};
    assertThatThrownBy(() -> parser.parse(utf32ish)).isInstanceOfSatisfying(PushRejected.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).startsWith("expected {\"customer\": ..., \"device\": ..., \"job\": ... (optional)}: ");
    });
  }
}
