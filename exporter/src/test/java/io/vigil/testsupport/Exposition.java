package io.vigil.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed Prometheus text exposition, enough to find samples by name and labels. */
public final class Exposition {
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final String text;
  private final List<Sample> samples;

  private Exposition(String text, List<Sample> samples) {
    this.text = text;
    this.samples = samples;
  }

  /** Parses after checking the whole text against the format's grammar; fails naming every broken line. */
  public static Exposition parseStrict(String text) {
    List<String> problems = TextFormatGrammar.problems(text);
    if (!problems.isEmpty()) {
      throw new AssertionError("invalid exposition:\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }
    return parse(text);
  }

  public static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      samples.add(parseLine(line));
    }
    return new Exposition(text, samples);
  }

  private static Sample parseLine(String line) {
    int brace = line.indexOf('{');
    int space;
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    if (brace < 0) {
      space = line.indexOf(' ');
      name = line.substring(0, space);
    } else {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      space = i + 1;
    }
    String rest = line.substring(space).trim().split(" ")[0];
    return new Sample(name, labels, Double.parseDouble(rest));
  }

  public String text() {
    return text;
  }

  public List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The one sample with this name whose labels include all of {@code labels} (key, value, key, value...). */
  public Optional<Sample> find(String name, String... labels) {
    List<Sample> matches = samples(name).stream().filter(s -> {
      for (int i = 0; i < labels.length; i += 2) {
        if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
          return false;
        }
      }
      return true;
    }).toList();
    if (matches.size() > 1) {
      throw new AssertionError("more than one " + name + " matches " + List.of(labels) + ": " + matches);
    }
    return matches.stream().findFirst();
  }

  public double value(String name, String... labels) {
    return find(name, labels).orElseThrow(() -> new AssertionError("no " + name + " with " + List.of(labels))).value();
  }

  /** The {@code status} label whose one-hot value is 1. */
  public String jobStatus(String... labels) {
    return samples("vigil_job_status").stream()
        .filter(s -> s.value() == 1.0)
        .filter(s -> {
          for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
              return false;
            }
          }
          return true;
        })
        .map(s -> s.labels().get("status"))
        .reduce((a, b) -> {
          throw new AssertionError("two statuses at once: " + a + ", " + b);
        })
        .orElseThrow(() -> new AssertionError("no job status for " + List.of(labels)));
  }
}
