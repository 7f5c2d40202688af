package io.vigil.mail;

import java.math.BigDecimal;
import java.util.Locale;

/** Sizes as notification mails write them ("20.1 GB"): decimal units, as the products' reports use them. */
final class Sizes {
  private Sizes() {}

  /** The bytes of {@code number unit}; null when the unit is unknown or the number unreadable. */
  static Long bytes(String number, String unit) {
    int power = switch (unit.toUpperCase(Locale.ROOT)) {
      case "", "B" -> 0;
      case "KB" -> 1;
      case "MB" -> 2;
      case "GB" -> 3;
      case "TB" -> 4;
      default -> -1;
    };
    if (power < 0) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(number.replace(',', '.')).movePointRight(3 * power);
      return value.signum() < 0 || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? null : value.longValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
