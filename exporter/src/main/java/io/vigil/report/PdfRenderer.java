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
import java.io.StringReader;
import java.util.logging.Level;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * XHTML to PDF with openhtmltopdf, inline SVG drawn by Batik. Nothing is fetched: every protocol a document could name
 * answers "not found", so only what is inline (styles, data: URIs, SVG) is rendered.
 */
public final class PdfRenderer {
  private static final String[] PROTOCOLS = {"http", "https", "ftp", "file", "jar"};

  /**
   * Set up once: left to itself openhtmltopdf looks up a SAX parser, a DOM builder and a transformer factory for every
   * document (service lookups on the class path) and copies SAX events into a DOM; the page is parsed here instead.
   */
  private final DocumentBuilderFactory xml;

  public PdfRenderer() {
    // openhtmltopdf logs the timing of every document at INFO on standard error, past the exporter's log format.
    XRLog.listRegisteredLoggers().forEach(name -> XRLog.setLevel(name, Level.WARNING));
    xml = DocumentBuilderFactory.newInstance();
    xml.setNamespaceAware(true);
    xml.setValidating(false);
    xml.setExpandEntityReferences(false);
    xml.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    xml.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
  }

  public byte[] render(String xhtml) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useSVGDrawer(new BatikSVGDrawer());
    builder.useProtocolsStreamImplementation(new NoFetching(), PROTOCOLS);
    builder.withW3cDocument(parse(xhtml), null);
    builder.toStream(out);
    try {
      builder.run();
    } catch (RuntimeException e) {
      throw new IOException("cannot render the PDF: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private Document parse(String xhtml) throws IOException {
    DocumentBuilder parser;
    try {
      synchronized (xml) {
        parser = xml.newDocumentBuilder();
      }
      return parser.parse(new InputSource(new StringReader(xhtml)));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("cannot read the report's XHTML: " + e.getMessage(), e);
    }
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
