package io.vigil.report;

import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.logging.Level;

/**
 * XHTML to PDF with openhtmltopdf, inline SVG drawn by Batik. Nothing is fetched: every protocol a document could name
 * answers "not found", so only what is inline (styles, data: URIs, SVG) is rendered.
 */
public final class PdfRenderer {
  private static final String[] PROTOCOLS = {"http", "https", "ftp", "file", "jar"};

  public PdfRenderer() {
    // openhtmltopdf logs the timing of every document at INFO on standard error, past the exporter's log format.
    XRLog.listRegisteredLoggers().forEach(name -> XRLog.setLevel(name, Level.WARNING));
  }

  public byte[] render(String xhtml) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useSVGDrawer(new BatikSVGDrawer());
    builder.useProtocolsStreamImplementation(new NoFetching(), PROTOCOLS);
    builder.withHtmlContent(xhtml, null);
    builder.toStream(out);
    try {
      builder.run();
    } catch (RuntimeException e) {
      throw new IOException("cannot render the PDF: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static final class NoFetching implements FSStreamFactory {
    @Override
    public FSStream getUrl(String url) {
      return new FSStream() {
        @Override
        public InputStream getStream() {
          return null;
        }

        @Override
        public Reader getReader() {
          return null;
        }
      };
    }
  }
}
