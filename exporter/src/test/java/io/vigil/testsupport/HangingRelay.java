package io.vigil.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP relay on loopback that takes a mail up to the end of its data and then never answers: the mail is not
 * accepted (no 250), and its sender waits. What a relay looks like to a sender killed in the middle of a delivery.
 */
public final class HangingRelay implements AutoCloseable {
  private final ServerSocket server;
  private final CountDownLatch dataEnded = new CountDownLatch(1);
  private final Thread thread;

  public HangingRelay() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "hanging-relay");
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Waits until a sender has sent a whole mail's data (and waits for the answer that never comes). */
  public boolean awaitDataEnd(long seconds) throws InterruptedException {
    return dataEnded.await(seconds, TimeUnit.SECONDS);
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        converse(socket);
      } catch (IOException closed) {
        // the relay was closed, or the sender went away
      }
    }
  }

  private void converse(Socket socket) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = socket.getOutputStream();
    reply(out, "220 hanging.example ESMTP");
    boolean inData = false;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (inData) {
        if (line.equals(".")) {
          dataEnded.countDown();
          inData = false;
          // No answer: the sender waits for its 250 until it dies or times out.
        }
        continue;
      }
      String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
      switch (command) {
        case "EHLO", "HELO" -> reply(out, "250 hanging.example");
        case "DATA" -> {
          reply(out, "354 go ahead");
          inData = true;
        }
        case "QUIT" -> {
          reply(out, "221 bye");
          return;
        }
        default -> reply(out, "250 OK");
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
