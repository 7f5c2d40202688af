package io.vigil.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The mails under src/test/resources/mail/; each names its public source in its X-Vigil-Fixture-Source header. */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] mail(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/mail/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture mail/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Mail read(String name) {
    return new MimeReader().read(mail(name), "");
  }
}
