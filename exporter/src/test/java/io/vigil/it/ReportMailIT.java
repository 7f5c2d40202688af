package io.vigil.it;

import static io.vigil.testsupport.Pushes.event;
import static io.vigil.testsupport.Pushes.heartbeat;
import static io.vigil.testsupport.Pushes.jobReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.config.ConfigLoader;
import io.vigil.report.RenderWorker;
import io.vigil.testsupport.KeysYaml;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import io.vigil.testsupport.ThreadPriority;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports end to end: a real exporter with a clock moved by hand mails its tenant's daily digest and its customer's
 * monthly report through a real SMTP server on loopback (GreenMail), and serves the same content over HTTP. The PDF is
 * read back with PDFBox, and its first page rendered to PNG with poppler's pdftoppm into target/reports/ for a person to
 * look at.
 */
class ReportMailIT {
  /** 06:00 in Berlin, an hour before the digest is due. */
  static final Instant T0 = Instant.parse("2026-11-28T05:00:00Z");
  static final String CUSTOMER = "Alpine Dental";
  static final Path OUT = Path.of("target", "reports");

  @TempDir
  Path dir;
  final TestClock clock = new TestClock(T0);
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  GreenMail relay;
  RunningExporter vigil;

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    relay.start();
    Path file = Files.writeString(dir.resolve("vigil.yml"), KeysYaml.of("admin", "acme", "acme-push", "acme-read")
        + "    name: ACME MSP\n"
        + "    grace_seconds: 172800\n"
        + "    time_zone: Europe/Berlin\n"
        + "    reports:\n"
        + "      daily_digest: {time: \"07:00\", recipients: [noc@acme.example]}\n"
        + "      monthly: {day: 1, time: \"08:00\"}\n"
        + "      branding: {name: ACME IT, primary_colour: \"#102030\", accent_colour: \"#ff8800\","
        + " contact: \"ACME IT, support@acme.example\"}\n"
        + "      customers:\n"
        + "        - {customer: " + CUSTOMER + ", recipients: [it@alpine.example, boss@alpine.example]}\n"
        + "reports:\n"
        + "  check_interval_seconds: 1\n"
        + "  link_base: https://vigil.example.net\n"
        + "  smtp: {host: 127.0.0.1, port: " + port + ", security: none, from: reports@msp.example, timeout_seconds: 5}\n");
    vigil = RunningExporter.start(new ConfigLoader(clock).load(file).withListenAndDataDir("127.0.0.1:0", dir.resolve("data").toString()),
        file, clock);
  }

  @AfterEach
  void stop() {
    vigil.close();
    relay.stop();
  }

  /**
   * November: a success every evening at 23:00 Berlin, but a failure on the 10th, a warning on the 12th, and a failure last
   * night; a site server heartbeating once a day with its disk full. The tenant's grace is two days, so the job is failed,
   * not overdue, the next morning, and its nights after the 28th are missed once that grace has passed.
   */
  void pushNovember() throws Exception {
    for (int day = 1; day <= 27; day++) {
      String status = day == 10 || day == 27 ? "failed" : day == 12 ? "warning" : "success";
      Instant end = LocalDate.of(2026, 11, day).atTime(22, 0).toInstant(java.time.ZoneOffset.UTC);
      vigil.push("/api/v1/job-reports", "acme-push", jobReport(CUSTOMER, "fs01", "nightly", "n" + day, status, end)
          .replace("\"done\"", status.equals("failed") ? "\"Destination unreachable on night " + day + "\"" : "\"done\""));
    }
    vigil.push("/api/v1/heartbeats", "acme-push", heartbeat(CUSTOMER, "nvr01", 86_400));
    vigil.push("/api/v1/events", "acme-push", event(CUSTOMER, "nvr01", "disk_full", "raised"));
  }

  MimeMessage awaitMail(String subjectPart, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<MimeMessage> matching = Arrays.stream(relay.getReceivedMessages()).filter(m -> subject(m).contains(subjectPart)).toList();
      if (matching.size() >= count) {
        return matching.get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + count + " mail(s) with '" + subjectPart + "' within 30 s; received: "
        + Arrays.stream(relay.getReceivedMessages()).map(ReportMailIT::subject).toList());
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Every leaf part of a message, in order. */
  static List<Part> leaves(Part part) throws Exception {
    List<Part> leaves = new ArrayList<>();
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        leaves.addAll(leaves(child));
      }
    } else {
      leaves.add(part);
    }
    return leaves;
  }

  static String text(Part part) throws Exception {
    return (String) part.getContent();
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(vigil.uri().resolve(path)).header("Authorization", "Bearer acme-read").build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theDigestIsMailedAtItsTimeWithWhatIsWrongByCustomerAndServedWithTheSameContent() throws Exception {
    MimeMessage allClear = awaitMail("daily digest 2026-11-27", 1);
    assertThat(allClear.getSubject()).isEqualTo("ACME MSP daily digest 2026-11-27: all clear");
    assertThat(text(leaves(allClear).get(0))).contains("ALL CLEAR");

    pushNovember();
    clock.advance(Duration.ofHours(1));
    MimeMessage digest = awaitMail("daily digest 2026-11-28", 1);
    assertThat(digest.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("noc@acme.example");
    assertThat(digest.getFrom()).extracting(Object::toString).containsExactly("reports@msp.example");
    assertThat(digest.getSubject()).isEqualTo("ACME MSP daily digest 2026-11-28: 2 issue(s) at 1 customer(s)");
    List<Part> parts = leaves(digest);
    assertThat(parts).extracting(p -> p.getContentType().split(";")[0].toLowerCase()).containsExactly("text/plain", "text/html");
    // MIME sends text with CRLF line ends.
    String text = text(parts.get(0)).replace("\r\n", "\n");
    assertThat(text).contains("Alpine Dental (2)")
        .contains("[failed] fs01 / nightly: Destination unreachable on night 27")
        .contains("https://vigil.example.net/tenants/acme/runs?customer=Alpine%20Dental&device=fs01&job=nightly")
        .contains("[device_error] nvr01: disk_full");
    assertThat(text(parts.get(1))).contains("<h2 style=\"font-size:16px;margin-top:18px\">Alpine Dental")
        .contains("<a href=\"https://vigil.example.net/tenants/acme/runs?customer=Alpine%20Dental&amp;device=fs01&amp;job=nightly\">");

    assertThat(new String(get("/tenants/acme/reports/daily?format=text").body(), StandardCharsets.UTF_8))
        .as("the endpoint, at the same moment").isEqualTo(text);
    JsonNode body = json.readTree(get("/tenants/acme/reports/daily").body());
    assertThat(body.get("all_clear").asBoolean()).isFalse();
    assertThat(body.get("counts").toString()).isEqualTo("{\"failed\":1,\"device_error\":1}");
    assertThat(body.at("/customers/0/customer").asText()).isEqualTo(CUSTOMER);
    assertThat(body.at("/customers/0/items/0/kind").asText()).isEqualTo("failed");
    assertThat(body.at("/customers/0/items/0/link").asText())
        .isEqualTo("https://vigil.example.net/tenants/acme/runs?customer=Alpine%20Dental&device=fs01&job=nightly");
    assertThat(get("/tenants/acme/reports/daily?format=xml").statusCode()).isEqualTo(400);
  }

  @Test
  void theMonthlyReportIsMailedOnItsDayWithItsPdfToEachRecipientAndServedAsPdfAndHtml() throws Exception {
    // The site server's first heartbeat eight days before November's, a day apart: unavailable from three days after the
    // first (the 23rd, 06:00 Berlin) to the next (the 28th): 120 of the 258 hours it was known in November.
    vigil.push("/api/v1/heartbeats", "acme-push", """
        {"customer": "%s", "device": "nvr01", "at": "2026-11-20T05:00:00Z", "interval_seconds": 86400}""".formatted(CUSTOMER));
    pushNovember();
    clock.advance(Duration.ofDays(3).plusHours(2));
    MimeMessage report = awaitMail("backup report November 2026", 1);
    assertThat(report.getSubject()).isEqualTo("Alpine Dental: backup report November 2026 (ACME IT)");
    assertThat(report.getAllRecipients()).extracting(Object::toString).containsExactly("it@alpine.example", "boss@alpine.example");
    assertThat(awaitMail("backup report November 2026", 2)).as("GreenMail keeps a copy per recipient").isNotNull();
    List<Part> parts = leaves(report);
    assertThat(parts).extracting(p -> p.getContentType().split(";")[0].toLowerCase())
        .containsExactly("text/plain", "text/html", "application/pdf");
    assertThat(text(parts.get(0))).contains("Success rate: 82.8 % (24 of 29 expected nights)").contains("Missed nights: 2")
        .contains("Site servers: 0 of 1 up; availability this month 53.49 %");
    assertThat(text(parts.get(1))).contains("<svg").contains("class=\"failed\"");
    Part attachment = parts.get(2);
    assertThat(attachment.getFileName()).isEqualTo("backup-report-alpine-dental-2026-11.pdf");
    assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
    byte[] pdf;
    try (InputStream in = attachment.getInputStream()) {
      pdf = in.readAllBytes();
    }
    assertThat(pdfText(pdf)).contains("ACME IT").contains("ACME IT, support@acme.example")
        .contains("Alpine Dental: backup report November 2026").contains("Success rate").contains("82.8 %")
        .contains("fs01 / nightly").contains("Destination unreachable on night 27").contains("Destination unreachable on night 10")
        .contains("Backup size per night").contains("nvr01")
        .contains("Site server availability").contains("53.49 %").contains("Site server outages")
        .contains("2026-11-23 06:00").contains("2026-11-28 06:00").contains("5 d 0 h");
    Path png = renderFirstPage(pdf, "monthly-alpine-dental-2026-11");
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');

    HttpResponse<byte[]> served = get("/tenants/acme/reports/monthly?customer=Alpine%20Dental&month=2026-11&format=pdf");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(pdfText(served.body())).contains("Alpine Dental: backup report November 2026").contains("82.8 %");
    String html = new String(get("/tenants/acme/reports/monthly?customer=Alpine%20Dental&month=2026-11&format=html").body(),
        StandardCharsets.UTF_8);
    assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"size-trend\"").contains("ACME IT")
        .contains("#102030").as("nothing to fetch").doesNotContainPattern("(src|href)=\"(https?|file|ftp):").doesNotContain("url(");
  }

  /**
   * Reports give way to ingest (issue 14: every customer's report without slowing the pushes): PDFs are made in a child
   * process whose every thread runs at nice 19, the lowest priority, and the threads that build the served reports and
   * the mailed ones run at nice 19 too; the store's writer keeps its priority.
   */
  @Test
  void reportsAreMadeAtTheLowestCpuPriorityAndPdfsOutsideTheExportersHeap() throws Exception {
    pushNovember();
    assertThat(get("/tenants/acme/reports/monthly?customer=Alpine%20Dental&month=2026-11&format=pdf").statusCode()).isEqualTo(200);
    List<ProcessHandle> renderers = new ArrayList<>();
    for (ProcessHandle child : ProcessHandle.current().children().toList()) {
      if (Files.readString(Path.of("/proc", Long.toString(child.pid()), "cmdline")).contains(RenderWorker.class.getName())) {
        renderers.add(child);
      }
    }
    assertThat(renderers).as("the PDF render process").hasSize(1);
    assertThat(ThreadPriority.ofProcess(renderers.get(0).pid())).isNotEmpty().containsOnly(ThreadPriority.IDLE);
    assertThat(ThreadPriority.ofThreadsNamed("vigil-report-")).as("the threads that built served reports").isNotEmpty()
        .containsOnly(ThreadPriority.IDLE);
    clock.advance(Duration.ofDays(3).plusHours(2));
    awaitMail("backup report November 2026", 1);
    assertThat(ThreadPriority.ofThreadsNamed("vigil-reports-")).as("the scheduler that builds and mails reports").containsExactly(ThreadPriority.IDLE);
    assertThat(ThreadPriority.ofThreadsNamed("vigil-writer")).as("the store's writer").containsExactly(ThreadPriority.NORMAL);
  }

  @Test
  void badReportRequestsGetAClearAnswer() throws Exception {
    pushNovember();
    assertThat(get("/tenants/acme/reports/monthly?month=2026-11").statusCode()).isEqualTo(400);
    assertThat(new String(get("/tenants/acme/reports/monthly?customer=Alpine%20Dental&month=2026-13").body(), StandardCharsets.UTF_8))
        .contains("month must be YYYY-MM");
    assertThat(get("/tenants/acme/reports/monthly?customer=Alpine%20Dental&format=docx").statusCode()).isEqualTo(400);
    assertThat(get("/tenants/acme/reports/monthly?customer=Alpine%20Dental&month=" + "x".repeat(5000)).statusCode()).isEqualTo(400);
    HttpResponse<byte[]> unknown = get("/tenants/acme/reports/monthly?customer=Nobody%20Ltd&month=2026-11");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("no job, device or image chain of customer 'Nobody Ltd'");
    assertThat(get("/tenants/acme/reports/weekly").statusCode()).isEqualTo(404);
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  /** poppler's pdftoppm (Debian package poppler-utils, installed by .ci/test) renders page 1 to target/reports/NAME-1.png. */
  static Path renderFirstPage(byte[] pdf, String name) throws Exception {
    Files.createDirectories(OUT);
    Path file = OUT.resolve(name + ".pdf");
    Files.write(file, pdf);
    Process pdftoppm = new ProcessBuilder("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", file.toString(),
        OUT.resolve(name).toString()).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    pdftoppm.getInputStream().transferTo(output);
    assertThat(pdftoppm.waitFor()).as("pdftoppm: " + output).isZero();
    Path png = OUT.resolve(name + "-1.png");
    assertThat(png).exists();
    return png;
  }
}
