package io.vigil.mail;

import java.util.Locale;
import java.util.Set;

/**
 * The text of an HTML-only notification, for parsers that read "label: value" lines: block ends become line breaks,
 * table cells are separated by a tab, tags, scripts and styles go, and entities are decoded. One pass over the input
 * (a regular expression for tags would backtrack over every unclosed '<' of a hostile body).
 */
final class HtmlText {
  private static final Set<String> LINE_ENDS = Set.of("br", "br/", "/p", "/div", "/tr", "/li", "/h1", "/h2", "/h3", "/h4", "/h5",
      "/h6", "/table", "p", "div", "tr", "table");
  private static final Set<String> CELL_ENDS = Set.of("/td", "/th");
  private static final Set<String> HIDDEN = Set.of("script", "style", "head");

  private HtmlText() {}

  static String of(String html) {
    StringBuilder text = new StringBuilder(Math.min(html.length(), MimeReader.MAX_TEXT));
    String lower = html.toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          break;
        }
        String tag = tagName(lower, i + 1, end);
        i = end + 1;
        if (HIDDEN.contains(tag)) {
          int close = lower.indexOf("</" + tag, i);
          int closeEnd = close < 0 ? -1 : html.indexOf('>', close);
          i = closeEnd < 0 ? html.length() : closeEnd + 1;
        } else if (LINE_ENDS.contains(tag)) {
          text.append('\n');
        } else if (CELL_ENDS.contains(tag)) {
          text.append('\t');
        }
      } else if (c == '&') {
        int end = html.indexOf(';', i);
        String decoded = end > i && end - i <= 10 ? entity(html.substring(i + 1, end)) : null;
        text.append(decoded != null ? decoded : "&");
        i = decoded != null ? end + 1 : i + 1;
      } else {
        text.append(c);
        i++;
      }
    }
    return tidy(text);
  }

  private static String tagName(String lower, int from, int end) {
    int i = from;
    while (i < end && (Character.isLetterOrDigit(lower.charAt(i)) || lower.charAt(i) == '/')) {
      i++;
    }
    return lower.substring(from, i);
  }

  /** Each line's runs of spaces made one, blank lines dropped. */
  private static String tidy(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.toString().split("\n")) {
      String tidy = line.replace('\u00a0', ' ').replace('\r', ' ').replaceAll(" {2,}", " ").replaceAll(" *\t *", "\t").strip();
      if (!tidy.isEmpty()) {
        out.append(tidy).append('\n');
      }
    }
    return out.toString();
  }

  /** The character an entity stands for, or null when it is none this knows. */
  private static String entity(String name) {
    if (name.startsWith("#")) {
      try {
        boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
        int code = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
        boolean valid = Character.isValidCodePoint(code) && (code < 0xD800 || code > 0xDFFF) && code != 0;
        return valid ? new String(Character.toChars(code)) : " ";
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return switch (name) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> " ";
      default -> null;
    };
  }
}
