package io.vigil.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Prometheus text exposition (format 0.0.4) line by line, stricter than {@link Exposition#parse}:
 * names, escapes and values must follow the grammar, a family is typed once and before its samples,
 * and no series appears twice. Reports every broken line with its number. The value patterns are possessive,
 * so a long label value does not overflow the stack.
 */
final class TextFormatGrammar {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (?:[^\\\\\n]++|\\\\[\\\\n])*+");
  private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: -?[0-9]+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\n]++|\\\\[\\\\\"n])*+)\"(,|$)");
  private static final Pattern VALUE = Pattern.compile("[+-]?(?:Inf|NaN|[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\\.[0-9]+(?:[eE][+-]?[0-9]+)?)");
  private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_created", "_total", "_info", "");

  private TextFormatGrammar() {}

  /** Every problem of the exposition, each as "line N: what"; empty when it is valid. */
  static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      problems.add("the exposition does not end with a newline");
    }
    Set<String> typed = new HashSet<>();
    Set<String> series = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String where = "line " + (i + 1) + " (" + abbreviate(line) + "): ";
      if (line.isEmpty()) {
        if (i != lines.length - 1) {
          problems.add(where + "empty line");
        }
      } else if (line.startsWith("# HELP ")) {
        if (!HELP.matcher(line).matches()) {
          problems.add(where + "malformed HELP");
        }
      } else if (line.startsWith("# TYPE ")) {
        Matcher type = TYPE.matcher(line);
        if (!type.matches()) {
          problems.add(where + "malformed TYPE");
        } else if (!typed.add(type.group(1))) {
          problems.add(where + "the family " + type.group(1) + " is typed twice");
        }
      } else if (!line.startsWith("#")) {
        sample(line, where, typed, series, problems);
      }
    }
    return problems;
  }

  private static void sample(String line, String where, Set<String> typed, Set<String> series, List<String> problems) {
    Matcher sample = SAMPLE.matcher(line);
    if (!sample.matches()) {
      problems.add(where + "malformed sample");
      return;
    }
    String name = sample.group(1);
    if (SUFFIXES.stream().noneMatch(s -> name.endsWith(s) && typed.contains(name.substring(0, name.length() - s.length())))) {
      problems.add(where + "sample of a family without a TYPE line before it");
    }
    TreeMap<String, String> labels = new TreeMap<>();
    String rest = sample.group(2) == null ? "" : sample.group(2);
    Matcher label = LABEL.matcher(rest);
    int at = 0;
    while (at < rest.length()) {
      if (!label.find(at) || label.start() != at) {
        problems.add(where + "malformed label at column " + (at + name.length() + 2));
        return;
      }
      if (labels.put(label.group(1), label.group(2)) != null) {
        problems.add(where + "label " + label.group(1) + " twice");
      }
      at = label.end();
    }
    if (!VALUE.matcher(sample.group(3)).matches()) {
      problems.add(where + "malformed value " + sample.group(3));
    }
    if (!series.add(name + labels)) {
      problems.add(where + "the series appears twice");
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 120) + "...";
  }
}
