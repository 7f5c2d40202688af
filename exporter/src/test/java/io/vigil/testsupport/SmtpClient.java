package io.vigil.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A raw SMTP conversation over a real socket, one command and its reply at a time, so a test sees every reply code
 * (and can be as slow, as large or as rude as the test needs).
 */
public final class SmtpClient implements AutoCloseable {
  /** A reply: its code and its text lines (without the code). */
  public record Reply(int code, List<String> lines) {
    public String text() {
      return String.join("\n", lines);
    }
  }

  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  private SmtpClient(Socket socket) throws IOException {
    use(socket);
  }

  /** Connects and reads the greeting. */
  public static SmtpClient connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    socket.connect(address, 5_000);
    socket.setSoTimeout(30_000);
    return new SmtpClient(socket);
  }

  private void use(Socket newSocket) throws IOException {
    socket = newSocket;
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    out = socket.getOutputStream();
  }

  public Reply greeting() throws IOException {
    return reply();
  }

  public Reply command(String line) throws IOException {
    send((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return reply();
  }

  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads one reply, multi-line ones whole; code -1 when the server closed the connection. */
  public Reply reply() throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = in.readLine();
      if (line == null) {
        return new Reply(-1, lines);
      }
      lines.add(line.length() > 4 ? line.substring(4) : "");
      if (line.length() < 4 || line.charAt(3) != '-') {
        return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
      }
    }
  }

  /** STARTTLS, then the handshake with {@code context} on the same connection. */
  public Reply startTls(SSLContext context) throws IOException {
    Reply reply = command("STARTTLS");
    if (reply.code() == 220) {
      SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
      tls.setUseClientMode(true);
      tls.startHandshake();
      use(tls);
    }
    return reply;
  }

  /** EHLO, MAIL, RCPT for each recipient, DATA and the message: the reply to the first command that was not accepted, or the final one. */
  public Reply send(String from, List<String> to, byte[] message) throws IOException {
    Reply reply = command("EHLO test.example");
    if (reply.code() != 250) {
      return reply;
    }
    return transaction(from, to, message);
  }

  /** MAIL, RCPT, DATA within a session already greeted. */
  public Reply transaction(String from, List<String> to, byte[] message) throws IOException {
    Reply reply = command("MAIL FROM:<" + from + ">");
    if (reply.code() != 250) {
      return reply;
    }
    for (String recipient : to) {
      reply = command("RCPT TO:<" + recipient + ">");
      if (reply.code() != 250) {
        return reply;
      }
    }
    reply = command("DATA");
    if (reply.code() != 354) {
      return reply;
    }
    send(dotStuffed(message));
    return reply();
  }

  /** The message as DATA carries it: CRLF line ends, leading dots doubled, ended by a line with a dot. */
  static byte[] dotStuffed(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (String line : text.split("\r\n", -1)) {
      out.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
    }
    if (text.endsWith("\r\n")) {
      out.setLength(out.length() - 2);
    }
    return out.append(".\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  public boolean isClosedByServer() throws IOException {
    return in.read() == -1;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
