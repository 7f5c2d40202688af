package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ScrapeGzipTest {
  final List<Thread> started = new ArrayList<>();
  final ThreadFactory threads = task -> {
    Thread thread = ScrapeGzip.daemonThreads().newThread(task);
    started.add(thread);
    return thread;
  };

  /** Exposition-like lines, {@code lines} of them. */
  static byte[] body(int lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append("vigil_job_status{backup_job=\"job-").append(i).append("\",customer=\"Customer ").append(i % 977)
          .append(" Ltd\",device=\"dev-").append(i % 5003).append("\",status=\"ok\",tenant=\"t").append(i % 10).append("\"} ")
          .append(i % 2).append(".0\n");
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes the body as the exposition sink does: 64 KB pieces, with single bytes and odd lengths in between. */
  static void writeInPieces(OutputStream out, byte[] body) throws IOException {
    int at = 0;
    for (int piece = 0; at < body.length; piece++) {
      if (piece % 3 == 0) {
        out.write(body[at++]);
        continue;
      }
      int n = Math.min(body.length - at, piece % 2 == 0 ? 64 * 1024 : 12_345);
      out.write(body, at, n);
      at += n;
    }
  }

  static byte[] gunzip(byte[] gzip) throws IOException {
    return new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
  }

  /** What a single thread's GZIPOutputStream at {@code level} makes of the body. */
  static byte[] gzipAtLevel(byte[] body, int level) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
      {
        def.setLevel(level);
      }
    }) {
      gzip.write(body);
    }
    return out.toByteArray();
  }

  @Test
  void aBodyOfManyChunksIsDeflatedOnASecondThreadAtLevelOneIntoOneGzipStreamOfTheSameText() throws Exception {
    byte[] body = body(160_000);
    assertThat(body.length).isGreaterThan(10 * ScrapeGzip.CHUNK);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ScrapeGzip gzip = ScrapeGzip.open(out, threads);
    writeInPieces(gzip, body);
    gzip.close();

    assertThat(gzip.pipelined()).as("deflated on a second thread").isTrue();
    assertThat(started).hasSize(1);
    assertThat(started.get(0).getName()).isEqualTo("scrape-gzip");
    assertThat(gunzip(out.toByteArray())).isEqualTo(body);
    assertThat(out.toByteArray()).as("level 1, one gzip stream: what one thread's level-1 GZIPOutputStream writes")
        .isEqualTo(gzipAtLevel(body, ScrapeGzip.LEVEL));
    assertThat(ScrapeGzip.LEVEL).isEqualTo(1);
  }

  @Test
  void aBodyOfLessThanAChunkIsDeflatedOnTheWritingThread() throws Exception {
    byte[] body = body(100);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ScrapeGzip gzip = ScrapeGzip.open(out, threads);
    writeInPieces(gzip, body);
    gzip.close();

    assertThat(started).isEmpty();
    assertThat(out.toByteArray()).isEqualTo(gzipAtLevel(body, ScrapeGzip.LEVEL));
  }

  @Test
  void whenTheScraperIsGoneTheWriterGetsTheErrorInsteadOfBlocking() {
    OutputStream gone = new OutputStream() { // takes the gzip header, then the connection is reset
      private int written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        written += len;
        if (written > 100) {
          throw new IOException("connection reset");
        }
      }
    };
    byte[] body = body(160_000);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      ScrapeGzip gzip = ScrapeGzip.open(gone, threads);
      assertThatThrownBy(() -> {
        try (gzip) {
          for (int i = 0; i < 100; i++) {
            gzip.write(body);
          }
        }
      }).isInstanceOf(IOException.class).hasMessage("connection reset");
    });
  }
}
