package io.vigil.metrics;

import io.prometheus.metrics.model.snapshots.Unit;
import io.vigil.metrics.FleetExposition.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Buffered bytes of a text exposition: pre-encoded label bytes, and numbers formatted as client_java formats them. */
final class ExpositionSink {
  private final OutputStream out;
  private final byte[] buffer = new byte[64 * 1024];
  private int size;

  ExpositionSink(OutputStream out) {
    this.out = out;
  }

  /** {@code ,name="value"}, escaped and UTF-8. */
  static byte[] label(String name, String value) {
    return utf8("," + name + "=\"" + escape(value) + "\"");
  }

  static String escape(String labelValue) {
    if (labelValue.indexOf('\\') < 0 && labelValue.indexOf('"') < 0 && labelValue.indexOf('\n') < 0) {
      return labelValue;
    }
    return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** HELP and TYPE as the text format writes them; TYPE, UNIT and HELP as OpenMetrics does (which also escapes quotes). */
  void metadata(String name, FamilyType type, String help, Unit unit, Format format) throws IOException {
    String escapedHelp = help.replace("\\", "\\\\").replace("\n", "\\n");
    if (format == Format.TEXT) {
      String sampleName = name + suffix(type);
      write(utf8("# HELP " + sampleName + " " + escapedHelp + "\n# TYPE " + sampleName + " " + (type == FamilyType.COUNTER ? "counter" : "gauge")
          + "\n"));
    } else {
      write(utf8("# TYPE " + name + " " + type.name().toLowerCase() + "\n"
          + (unit == null ? "" : "# UNIT " + name + " " + unit + "\n")
          + "# HELP " + name + " " + escapedHelp.replace("\"", "\\\"") + "\n"));
    }
  }

  /** The start of a data point line, up to and including the opening brace of its labels. */
  static byte[] lineStart(String name, FamilyType type) {
    return utf8(name + suffix(type) + "{");
  }

  private static String suffix(FamilyType type) {
    return switch (type) {
      case INFO -> "_info";
      case COUNTER -> "_total";
      case GAUGE -> "";
    };
  }

  void write(byte[] bytes) throws IOException {
    write(bytes, 0);
  }

  /** The bytes from index {@code from} on. */
  void write(byte[] bytes, int from) throws IOException {
    int length = bytes.length - from;
    if (length > buffer.length - size) {
      drain();
      if (length > buffer.length) {
        out.write(bytes, from, length);
        return;
      }
    }
    System.arraycopy(bytes, from, buffer, size, length);
    size += length;
  }

  void write(byte b) throws IOException {
    if (size == buffer.length) {
      drain();
    }
    buffer[size++] = b;
  }

  /**
   * The value as {@code Double.toString}, which client_java uses: whole numbers below 10^7 come out as
   * "123.0", written here without the String; everything else goes through Double.toString itself.
   */
  void value(double v) throws IOException {
    long whole = (long) v;
    if (whole == v && Math.abs(whole) < 10_000_000 && (whole != 0 || Double.doubleToRawLongBits(v) == 0)) {
      if (size + 12 > buffer.length) {
        drain();
      }
      if (whole < 0) {
        buffer[size++] = '-';
        whole = -whole;
      }
      int digits = 1;
      for (long rest = whole / 10; rest > 0; rest /= 10) {
        digits++;
      }
      for (int i = size + digits - 1; i >= size; i--) {
        buffer[i] = (byte) ('0' + whole % 10);
        whole /= 10;
      }
      size += digits;
      buffer[size++] = '.';
      buffer[size++] = '0';
    } else if (v == Double.POSITIVE_INFINITY) {
      write(utf8("+Inf"));
    } else if (v == Double.NEGATIVE_INFINITY) {
      write(utf8("-Inf"));
    } else {
      write(utf8(Double.toString(v)));
    }
  }

  void flush() throws IOException {
    drain();
    out.flush();
  }

  private void drain() throws IOException {
    out.write(buffer, 0, size);
    size = 0;
  }
}
