package io.vigil.push;

import java.text.Normalizer;

/**
 * The rule that keeps look-alike names apart from real ones: a name (customer, device, job...) becomes a
 * label value, and two names that render the same must be one name. Names are compared in Unicode NFC,
 * so a composed and a decomposed "Café" are the same customer; characters that render as nothing or
 * reorder the text around them are refused, as is white space at either end, so "Acme", "Acme " and
 * "Acme\u200b" can never be three customers.
 */
public final class Names {
  private Names() {}

  /** The form names are kept and compared in; lookups (retire, run history) use it too. */
  public static String normalize(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFC);
  }

  /** Why the name is refused, or null when it is acceptable. Control characters and surrogates are checked elsewhere. */
  static String problem(String name) {
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (isZeroWidth(c)) {
        return "must not contain the zero-width character " + codePoint(c);
      }
      if (isBidiControl(c)) {
        return "must not contain the bidirectional text control " + codePoint(c) + ", which reorders how the name is shown";
      }
      if (Character.getType(c) == Character.FORMAT) {
        return "must not contain the invisible format character " + codePoint(c);
      }
      if (isFiller(c)) {
        return "must not contain the invisible filler character " + codePoint(c);
      }
      i += Character.charCount(c);
    }
    int first = name.codePointAt(0);
    int last = name.codePointBefore(name.length());
    if (isSpace(first) || isSpace(last)) {
      return "must not start or end with white space (" + codePoint(isSpace(first) ? first : last) + ")";
    }
    if (name.codePoints().noneMatch(Names::isVisible)) {
      return "must contain at least one visible character";
    }
    return null;
  }

  private static boolean isZeroWidth(int c) {
    return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
  }

  private static boolean isBidiControl(int c) {
    return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  /** Hangul fillers: letters by category, yet they render as blank space. */
  private static boolean isFiller(int c) {
    return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
  }

  private static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x2800;
  }

  private static boolean isVisible(int c) {
    if (isSpace(c)) {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.CONTROL, Character.FORMAT, Character.UNASSIGNED,
          Character.SURROGATE -> false;
      default -> true;
    };
  }

  private static String codePoint(int c) {
    return String.format("U+%04X", c);
  }
}
