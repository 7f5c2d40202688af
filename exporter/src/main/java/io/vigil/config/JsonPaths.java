package io.vigil.config;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Renders where in a JSON or YAML document Jackson failed, as {@code items[2].status}. */
public final class JsonPaths {
  private JsonPaths() {}

  public static String of(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }
}
