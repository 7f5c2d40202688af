package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import io.vigil.testsupport.ThreadPriority;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The child JVM that renders the PDFs, started for real from the test's class path. */
class RenderProcessTest {
  static final String PAGE = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>Alpine Dental</h1><p>%s</p></body></html>";

  RenderProcess renderer = new RenderProcess(Duration.ofSeconds(60), Duration.ofMinutes(10));

  @AfterEach
  void stop() {
    renderer.close();
  }

  @Test
  void rendersPdfsInOneChildProcessAtTheLowestCpuPriority() throws Exception {
    assertThat(text(renderer.render(PAGE.formatted("night 1")))).contains("Alpine Dental").contains("night 1");
    long pid = renderer.pid();
    assertThat(text(renderer.render(PAGE.formatted("night 2")))).contains("night 2");
    assertThat(renderer.pid()).as("the same child renders the next PDF").isEqualTo(pid).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(ThreadPriority.ofProcess(pid)).as("scheduling of each thread of the child, its collector's too").isNotEmpty()
        .containsOnly(ThreadPriority.IDLE);
  }

  @Test
  void aPageThatCannotBeRenderedFailsAloneWithTheReason() throws Exception {
    renderer.render(PAGE.formatted("first"));
    long pid = renderer.pid();
    assertThatThrownBy(() -> renderer.render("<html><body><p>not closed</body></html>")).isInstanceOf(IOException.class)
        .hasMessageContaining("cannot read the report's XHTML");
    assertThat(text(renderer.render(PAGE.formatted("after")))).contains("after");
    assertThat(renderer.pid()).as("a bad page does not cost the child").isEqualTo(pid);
  }

  @Test
  void aChildThatDiedIsStartedAgainForTheNextPdf() throws Exception {
    renderer.render(PAGE.formatted("first"));
    long pid = renderer.pid();
    ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
    child.destroyForcibly();
    child.onExit().join();

    assertThat(text(renderer.render(PAGE.formatted("again")))).contains("again");
    assertThat(renderer.pid()).isNotEqualTo(pid).isPositive();
  }

  @Test
  void aChildThatDiesInTheMiddleOfAPdfFailsThatPdfOnly() throws Exception {
    renderer.render(PAGE.formatted("first"));
    ProcessHandle child = ProcessHandle.of(renderer.pid()).orElseThrow();
    // A page large enough to be in the middle of rendering when the child is killed.
    String large = PAGE.formatted("<table>" + "<tr><td>night</td><td>ok</td></tr>".repeat(20_000) + "</table>");
    java.util.concurrent.CompletableFuture<Void> kill = java.util.concurrent.CompletableFuture.runAsync(() -> {
      sleep(300);
      child.destroyForcibly();
    });
    assertThatThrownBy(() -> renderer.render(large)).isInstanceOf(IOException.class)
        .hasMessageContaining("it is started again for the next PDF");
    kill.join();
    assertThat(text(renderer.render(PAGE.formatted("again")))).contains("again");
  }

  @Test
  void closingEndsAPdfInProgressAtOnce() throws Exception {
    renderer.render(PAGE.formatted("first"));
    String large = PAGE.formatted("<table>" + "<tr><td>night</td><td>ok</td></tr>".repeat(20_000) + "</table>");
    java.util.concurrent.CompletableFuture<Throwable> rendering = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        renderer.render(large);
        return null;
      } catch (IOException e) {
        return e;
      }
    });
    sleep(300);
    long closing = System.nanoTime();
    renderer.close();
    assertThat(rendering.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    assertThat((System.nanoTime() - closing) / 1e9).as("seconds to close, not the PDF's time").isLessThan(5);
    assertThat(renderer.pid()).isEqualTo(-1);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aPdfThatTakesTooLongEndsTheChildAndTheNextIsRenderedByANewOne() throws Exception {
    try (RenderProcess impatient = new RenderProcess(Duration.ofMillis(1), Duration.ofMinutes(10))) {
      assertThatThrownBy(() -> impatient.render(PAGE.formatted("slow"))).isInstanceOf(IOException.class)
          .hasMessage("the PDF took longer than 0 s to render");
      assertThat(impatient.pid()).isEqualTo(-1);
    }
  }

  @Test
  void anIdleChildStops() throws Exception {
    try (RenderProcess brief = new RenderProcess(Duration.ofSeconds(60), Duration.ofMillis(200))) {
      brief.render(PAGE.formatted("once"));
      ProcessHandle child = ProcessHandle.of(brief.pid()).orElseThrow();
      assertThat(child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
      assertThat(brief.pid()).isEqualTo(-1);
    }
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }
}
