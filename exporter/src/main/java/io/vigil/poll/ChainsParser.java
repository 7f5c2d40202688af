package io.vigil.poll;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Checks a connector's chains document (connector/README.md, version 1) before the exporter passes it on:
 * one JSON object of version 1 with a {@code chains} array. Its content is the connector's and is relayed
 * as it is; the body limit bounds it.
 */
final class ChainsParser {
  private final ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  ObjectNode parse(byte[] body) throws MalformedChainsException {
    JsonNode document;
    try {
      document = json.readTree(body);
    } catch (JacksonException e) {
      String message = e.getOriginalMessage();
      throw new MalformedChainsException("not a JSON document: " + message.substring(0, Math.min(200, message.length())));
    } catch (IOException e) {
      throw new MalformedChainsException("unreadable body: " + e.getMessage());
    }
    if (!(document instanceof ObjectNode object)) {
      throw new MalformedChainsException("not a JSON object");
    }
    if (!object.path("version").isInt() || object.get("version").intValue() != Inventory.VERSION) {
      String got = String.valueOf(object.get("version"));
      throw new MalformedChainsException("version: expected " + Inventory.VERSION + ", got "
          + got.substring(0, Math.min(50, got.length())));
    }
    if (!object.path("chains").isArray()) {
      throw new MalformedChainsException("chains: missing or not a list");
    }
    return object;
  }

  /** The body is not a usable chains document. */
  static final class MalformedChainsException extends Exception {
    MalformedChainsException(String message) {
      super(message);
    }
  }
}
