package dev.journeys.notify.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A minimal SMTP server on loopback that answers RCPT TO with a permanent 550 for the addresses it
 * is told to reject, and accepts everything else: what a real server says about a dead mailbox,
 * which GreenMail cannot be made to say.
 */
final class SmtpStub implements AutoCloseable {

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Predicate<String> rejected;
  private final List<String> recipientsTried = new CopyOnWriteArrayList<>();
  private final List<String> recipientsAccepted = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger quits = new AtomicInteger();

  SmtpStub(Predicate<String> rejected) {
    this.rejected = rejected;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.submit(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Every address a client gave in RCPT TO, in order. */
  List<String> recipientsTried() {
    return List.copyOf(recipientsTried);
  }

  /** Addresses of messages accepted after DATA. */
  List<String> recipientsAccepted() {
    return List.copyOf(recipientsAccepted);
  }

  /** Connections clients opened so far. */
  int connections() {
    return connections.get();
  }

  /** Connections clients ended with QUIT. */
  int quits() {
    return quits.get();
  }

  /** Hangs up on every client, as a server does with idle ones after its timeout. */
  void dropConnections() throws IOException {
    for (Socket socket : open) {
      socket.close();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        open.add(socket);
        threads.submit(() -> converse(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void converse(Socket socket) {
    try (socket;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream()) {
      reply(out, "220 stub.test ESMTP");
      String recipient = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
          reply(out, "250-stub.test\r\n250 8BITMIME");
        } else if (command.startsWith("RCPT TO:")) {
          recipient = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
          recipientsTried.add(recipient);
          reply(out, rejected.test(recipient)
              ? "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown"
              : "250 2.1.5 OK");
        } else if (command.equals("DATA")) {
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
            // The message itself does not matter here.
          }
          recipientsAccepted.add(recipient);
          reply(out, "250 2.0.0 OK queued");
        } else if (command.equals("QUIT")) {
          quits.incrementAndGet();
          reply(out, "221 2.0.0 Bye");
          return;
        } else if (command.startsWith("MAIL FROM:") || command.equals("RSET") || command.equals("NOOP")) {
          reply(out, "250 2.0.0 OK");
        } else {
          reply(out, "502 5.5.2 Command not implemented");
        }
      }
    } catch (IOException e) {
      // The client hung up.
    } finally {
      open.remove(socket);
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
