package io.vigil.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;

/** Reads the body of a {@link PushKind#RETIRE}: {@code {"customer": ..., "device": ..., "job": ... (optional)}}. */
public final class RetireParser {
  private final ObjectReader reader = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .build()
      .readerFor(Retirement.class)
      .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Retirement parse(byte[] body) throws PushRejected {
    Retirement retirement;
    try {
      retirement = reader.readValue(body);
    } catch (IOException e) {
      // Not only JSON errors: bytes that look like UTF-16/32 fail decoding with a CharConversionException.
      String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw rejected("expected {\"customer\": ..., \"device\": ..., \"job\": ... (optional)}: " + reason);
    }
    if (retirement == null || retirement.customer() == null || retirement.device() == null) {
      throw rejected("customer and device are required; add job to retire only that job");
    }
    return retirement;
  }

  private static PushRejected rejected(String message) {
    return new PushRejected(400, message, List.of());
  }
}
