package io.vigil.report;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The main class of the {@link RenderProcess}: reads XHTML pages from standard input and answers each with its PDF or
 * the reason it has none, until the exporter closes the pipe. Frames: a page is its length (4 bytes, big-endian) and its
 * UTF-8 bytes; an answer is a status byte ({@link #PDF} or {@link #FAILED}), a length and the PDF or the reason's UTF-8.
 */
public final class RenderWorker {
  static final byte PDF = 0;
  static final byte FAILED = 1;

  private RenderWorker() {}

  public static void main(String[] args) throws IOException {
    DataOutputStream answers = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    // Standard output carries the answers: whatever a library prints goes to standard error, the exporter's log.
    System.setOut(System.err);
    DataInputStream pages = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
    PdfRenderer renderer = new PdfRenderer();
    while (true) {
      int length;
      try {
        length = pages.readInt();
      } catch (EOFException exporterClosed) {
        return;
      }
      String xhtml = new String(pages.readNBytes(length), StandardCharsets.UTF_8);
      byte status = PDF;
      byte[] body;
      try {
        body = renderer.render(xhtml);
      } catch (IOException | RuntimeException e) {
        status = FAILED;
        body = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
      }
      answers.writeByte(status);
      answers.writeInt(body.length);
      answers.write(body);
      answers.flush();
    }
  }
}
