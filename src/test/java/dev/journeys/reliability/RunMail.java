package dev.journeys.reliability;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The run's SMTP server: GreenMail on a fixed loopback port, which can be stopped for an outage and
 * started again on the same port. It keeps no mail: each message is noted as it is accepted (its
 * Message-ID, recipient and subject) and then dropped, so what the run counts costs the same at the
 * end of a 30-minute run as at its start. Keeping the messages in GreenMail's mailboxes, as before,
 * made each delivery walk a list of every recipient's folder and the run's count re-read every
 * message once a second: in a long run the driver took more and more of the CPU the app runs on.
 */
final class RunMail implements AutoCloseable {

  /** One message GreenMail accepted for one recipient, and when (System.nanoTime()). */
  record Delivery(String messageId, String to, String subject, long arrivedNanos) {}

  private final ServerSetup setup = new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
  private final Queue<Delivery> arrivals = new ConcurrentLinkedQueue<>();
  private GreenMail server;

  synchronized void start() {
    server = new GreenMail(setup);
    server.start();
    // Every recipient gets the same user, whose deliver() notes the message instead of storing it.
    UserImpl sink = new UserImpl("sink@journeys.test", "sink", "", server.getManagers().getImapHostManager()) {
      @Override
      public void deliver(MovingMessage message) {
        // Noted by the delivery handler below; nothing is kept.
      }
    };
    server.getUserManager().setMessageDeliveryHandler((message, address) -> {
      arrivals.add(delivery(message, address.getEmail()));
      return sink;
    });
  }

  /** Stops the server: connections are refused, and sessions in progress are cut. */
  synchronized void stop() {
    server.stop();
  }

  @Override
  public synchronized void close() {
    if (server != null && server.isRunning()) {
      server.stop();
    }
  }

  int port() {
    return setup.getPort();
  }

  /** The messages accepted since the last call (across outages), in the order they were accepted. */
  List<Delivery> takeNew() {
    List<Delivery> taken = new ArrayList<>();
    for (Delivery d = arrivals.poll(); d != null; d = arrivals.poll()) {
      taken.add(d);
    }
    return taken;
  }

  private static Delivery delivery(MovingMessage message, String to) throws MessagingException {
    return new Delivery(message.getMessage().getMessageID(), to, message.getMessage().getSubject(), System.nanoTime());
  }
}
