package io.vigil.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.DecimalUtils;
import com.fasterxml.jackson.datatype.jsr310.deser.DurationDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Instants and durations in the state documents as JavaTimeModule writes them, seconds and nine digits of
 * nanoseconds ({@code 1796057275.280264910}), without its round trip through BigDecimal: every stored state
 * carries several, and the writer thread encodes one per item. Other forms (a negative value, an exponent, a
 * string) are read by JavaTimeModule's own deserializers.
 */
final class DecimalSeconds {
  private static final int NANO_DIGITS = 9;

  private DecimalSeconds() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("DecimalSeconds");
    module.addSerializer(Instant.class, new Writer<>(Instant.class, Instant::getEpochSecond, Instant::getNano));
    module.addSerializer(Duration.class, new Writer<>(Duration.class, Duration::getSeconds, Duration::getNano));
    module.addDeserializer(Instant.class, new Reader<>(Instant.class, Instant::ofEpochSecond, InstantDeserializer.INSTANT));
    module.addDeserializer(Duration.class, new Reader<>(Duration.class, Duration::ofSeconds, DurationDeserializer.INSTANCE));
    return module;
  }

  /** For seconds after the epoch; JavaTimeModule writes others through BigDecimal's own form (7E-9). */
  static String format(long seconds, int nanos) {
    String fraction = Integer.toString(nanos);
    return new StringBuilder(21).append(seconds).append('.').append("000000000", fraction.length(), NANO_DIGITS)
        .append(fraction).toString();
  }

  private static final class Writer<T> extends StdSerializer<T> {
    private final ToLongFunction<T> seconds;
    private final ToIntFunction<T> nanos;

    Writer(Class<T> type, ToLongFunction<T> seconds, ToIntFunction<T> nanos) {
      super(type);
      this.seconds = seconds;
      this.nanos = nanos;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      long s = seconds.applyAsLong(value);
      int n = nanos.applyAsInt(value);
      if (s > 0) {
        gen.writeNumber(format(s, n));
      } else {
        gen.writeNumber(DecimalUtils.toBigDecimal(s, n));
      }
    }
  }

  private static final class Reader<T> extends StdDeserializer<T> {
    private final BiFunction<Long, Long, T> of;
    private final JsonDeserializer<T> otherwise;

    Reader(Class<T> type, BiFunction<Long, Long, T> of, JsonDeserializer<T> otherwise) {
      super(type);
      this.of = of;
      this.otherwise = otherwise;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        T value = parse(p.getText());
        if (value != null) {
          return value;
        }
      }
      return otherwise.deserialize(p, ctxt);
    }

    /** Digits, optionally a point and at most nine digits; null for any other form. */
    private T parse(String text) {
      int point = text.indexOf('.');
      int end = point < 0 ? text.length() : point;
      if (end == 0 || end > 18 || !digits(text, 0, end) || (point >= 0 && (text.length() - point - 1 > NANO_DIGITS
          || !digits(text, point + 1, text.length())))) {
        return null;
      }
      long seconds = Long.parseLong(text, 0, end, 10);
      long nanos = 0;
      if (point >= 0 && point + 1 < text.length()) {
        nanos = Long.parseLong(text, point + 1, text.length(), 10);
        for (int i = text.length() - point - 1; i < NANO_DIGITS; i++) {
          nanos *= 10;
        }
      }
      return of.apply(seconds, nanos);
    }

    private static boolean digits(String text, int from, int to) {
      for (int i = from; i < to; i++) {
        if (text.charAt(i) < '0' || text.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }
  }
}
