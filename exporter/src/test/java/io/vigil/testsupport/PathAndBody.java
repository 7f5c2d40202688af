package io.vigil.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.List;

/**
 * A fuzz input that addresses one of several endpoints: {@code PATH\nBODY}. A first line that is not one
 * of the paths picks one by its hash, so every input reaches some endpoint; the rest is the body.
 */
public record PathAndBody(String path, byte[] body) {
  public static PathAndBody of(byte[] input, List<String> paths) {
    int newline = 0;
    while (newline < input.length && input[newline] != '\n') {
      newline++;
    }
    String first = new String(input, 0, newline, UTF_8);
    String path = paths.contains(first) ? first : paths.get(Math.floorMod(first.hashCode(), paths.size()));
    return new PathAndBody(path, Arrays.copyOfRange(input, Math.min(newline + 1, input.length), input.length));
  }
}
