package io.vigil.config;

import java.util.List;

/** The configuration cannot be used; the message lists every problem with the key it concerns. */
public class ConfigException extends Exception {
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(source + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
