package io.vigil.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MimeReaderTest {
  final MimeReader reader = new MimeReader();

  @Test
  void anHtmlOnlyMailIsReadAsTextWithTableCellsApartAndStylesGone() {
    Mail mail = Fixtures.read("veeam-success-html.eml");
    assertThat(mail.from()).isEqualTo("veeam@alpine-dental.example");
    assertThat(mail.subject()).isEqualTo("[Success] Nightly SQL (3 objects)");
    assertThat(mail.messageId()).isEqualTo("<veeam-0001@alpine-dental.example>");
    assertThat(mail.date()).isEqualTo(Instant.parse("2026-11-30T02:15:00Z"));
    assertThat(mail.text()).contains("Error\t0\tDuration\t0:14:30").contains("Veeam Backup & Replication 12")
        .doesNotContain("<td>").doesNotContain("font-family");
  }

  @Test
  void multipartAlternativeIsReadFromItsPlainPart() {
    Mail mail = Fixtures.read("veeam-warning-alternative.eml");
    assertThat(mail.text()).contains("Duration: 1:00:00").doesNotContain("9:99:99");
  }

  @Test
  void encodedWordsAndLatin1QuotedPrintableAreDecoded() {
    Mail mail = Fixtures.read("veeam-failed-latin1.eml");
    assertThat(mail.subject()).isEqualTo("[Failed] Compta été (2 objects) 1 error");
    assertThat(mail.text()).contains("Tâche de sauvegarde : Compta été").contains("le dépôt est plein");
  }

  @Test
  void anUnknownCharsetIsReadAsUtf8() {
    Mail mail = Fixtures.read("wrong-charset.eml");
    assertThat(mail.subject()).isEqualTo("[Success] Schüler-Daten (1 objects)");
    assertThat(mail.text()).contains("Backup job: Schüler-Daten");
  }

  @Test
  void aMultipartWithoutItsBoundaryStillGivesItsHeaders() {
    Mail mail = Fixtures.read("malformed-multipart.eml");
    assertThat(mail.subject()).isEqualTo("[Success] Drawings (2 objects)");
    assertThat(mail.from()).isEqualTo("veeam@fjord.example");
  }

  @Test
  void csvAttachmentsAreKeptApartFromTheText() {
    Mail mail = Fixtures.read("csv-report.eml");
    assertThat(mail.text()).contains("This text is ignored");
    assertThat(mail.attachments()).hasSize(1);
    assertThat(mail.attachments().get(0).name()).isEqualTo("report.csv");
    assertThat(mail.attachments().get(0).isCsv()).isTrue();
    assertThat(mail.attachments().get(0).content()).startsWith("Device,Status,Backup Date");
  }

  @Test
  void aMailWithoutMessageIdGetsOneFromItsBytesAndWithoutFromTheEnvelopeSender() {
    byte[] raw = "Subject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    Mail mail = reader.read(raw, "Agent@Host.Example");
    assertThat(mail.messageId()).startsWith("sha256:").isEqualTo(reader.read(raw, "").messageId());
    assertThat(mail.from()).isEqualTo("agent@host.example");
    assertThat(mail.date()).isNull();
  }

  @Test
  void bytesThatAreNoMailAtAllGiveAnEmptyMail() {
    Mail mail = reader.read(new byte[] {0, (byte) 0xff, '\r', '\n', ':', 0x1b}, "");
    assertThat(mail.subject()).isEmpty();
    assertThat(mail.from()).isEmpty();
  }

  @Test
  void headersAreOneBoundedLine() {
    String longSubject = "x".repeat(5_000);
    Mail mail = reader.read(("Subject: a\r\n\tb\u0007" + longSubject + "\r\n\r\n").getBytes(StandardCharsets.UTF_8), "");
    assertThat(mail.subject()).startsWith("a b x").hasSizeLessThanOrEqualTo(MimeReader.MAX_HEADER).doesNotContain("\u0007");
  }

  @Test
  void htmlWithUnclosedTagsAndEntitiesEndsInLinearTime() {
    String hostile = "<".repeat(200_000) + "&#99999999;&#x1F600;&bogus;";
    long start = System.nanoTime();
    String text = HtmlText.of(hostile);
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    assertThat(text).isEmpty();
    assertThat(HtmlText.of("a &amp; b&#x1F600;<br>c &#0; d")).isEqualTo("a & b\uD83D\uDE00\nc d\n");
  }
}
