package dev.journeys.reliability;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's SMTP server: GreenMail on a fixed loopback port, which can be stopped for an outage and
 * started again on the same port. GreenMail forgets what it received when it stops, so the messages
 * of each stopped server are kept and counted with the running one's.
 */
final class RunMail implements AutoCloseable {

  private final ServerSetup setup = new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
  private final List<MimeMessage> beforeOutages = new ArrayList<>();
  private GreenMail server;

  synchronized void start() {
    server = new GreenMail(setup);
    server.start();
  }

  /** Stops the server: connections are refused, and sessions in progress are cut. */
  synchronized void stop() {
    Managers stopping = server.getManagers();
    server.stop();
    stopping.getImapHostManager().getAllMessages().stream().map(StoredMessage::getMimeMessage).forEach(beforeOutages::add);
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

  /** Every message received since the run began, across outages. */
  synchronized List<MimeMessage> received() {
    List<MimeMessage> all = new ArrayList<>(beforeOutages);
    all.addAll(List.of(server.getReceivedMessages()));
    return all;
  }
}
