package io.vigil.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One plain TCP connection to the exporter, for the clients no HTTP library would be: slow,
 * oversized, never finished. Requests are written byte for byte; answers are read as HTTP/1.1.
 */
public final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  public static RawConnection open(URI server) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 2_000);
    return new RawConnection(socket);
  }

  /** Over a socket the test has opened itself, e.g. a TLS one. */
  public static RawConnection over(Socket socket) throws IOException {
    return new RawConnection(socket);
  }

  /** From a given local address, e.g. another loopback address such as 127.0.0.2, to be another client. */
  public static RawConnection openFrom(String localAddress, URI server) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 2_000);
    return new RawConnection(socket);
  }

  public void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends and tells whether the bytes went out; false once the server has closed the connection. */
  public boolean trySend(String text) {
    try {
      send(text);
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /** An answer, read within {@code timeout}; fails with SocketTimeoutException when none comes. */
  public Answer readAnswer(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    String statusLine = line();
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
      ByteArrayOutputStream chunks = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
        chunks.write(in.readNBytes(size));
        line();
      }
      line();
      body = chunks.toByteArray();
    } else {
      body = in.readNBytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0")));
    }
    return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  /** True when the server closes (or resets) the connection within {@code timeout}; whatever it sends first is skipped. */
  public boolean isClosedByServerWithin(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      do {
        socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
        if (in.read() < 0) {
          return true;
        }
      } while (System.nanoTime() < deadline);
      return false;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed after '" + line + "'");
      }
      line.append((char) b);
    }
    return line.toString().strip();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Status, headers (case-insensitive names) and body of one answer. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String contentType() {
      return headers.getOrDefault("Content-Type", "").toLowerCase(Locale.ROOT);
    }
  }
}
