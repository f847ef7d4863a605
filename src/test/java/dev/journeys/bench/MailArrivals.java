package dev.journeys.bench;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * GreenMail as a real SMTP server on loopback, and a poller that notes when the first message for
 * each awaited recipient has been stored. GreenMail stores a message before it answers DATA with 250,
 * so "stored" is "accepted by SMTP". The poller looks only at recipients still awaited (a map
 * lookup and a folder read each), every {@code pollMicros}; a message's arrival is therefore
 * recorded late by at most one poll interval plus one scan (both reported). Seen messages are
 * deleted with their recipient's user, so GreenMail's heap and its mailbox lookups stay small over a
 * long run, and a message found for that recipient afterwards ({@link #countLateMessages}) is a
 * duplicate.
 */
final class MailArrivals implements AutoCloseable {

  private final GreenMail greenMail;
  private final UserManager users;
  private final ImapHostManager folders;
  private final ConcurrentHashMap<String, TrackedOrder> awaited = new ConcurrentHashMap<>();
  private final LongAdder deliveries = new LongAdder();
  private final long pollNanos;
  private final Thread poller;
  private final AtomicLong scans = new AtomicLong();
  private final AtomicLong scanNanosTotal = new AtomicLong();
  private final AtomicLong scanNanosMax = new AtomicLong();
  private volatile boolean running = true;

  MailArrivals(long pollMicros) {
    greenMail = new GreenMail(new ServerSetup(freeLoopbackPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    users = greenMail.getUserManager();
    folders = users.getImapHostManager();
    MessageDeliveryHandler delivery = users.getMessageDeliveryHandler();
    users.setMessageDeliveryHandler((message, address) -> {
      deliveries.increment();
      return delivery.handle(message, address);
    });
    pollNanos = TimeUnit.MICROSECONDS.toNanos(pollMicros);
    poller = new Thread(this::pollLoop, "bench-mail-poller");
    poller.setDaemon(true);
    poller.setPriority(Thread.MAX_PRIORITY);
    poller.start();
  }

  int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  /** From now on, a message to the order's e-mail address is its confirmation. */
  void await(TrackedOrder order) {
    awaited.put(order.email, order);
  }

  /** Stops waiting for an order that was refused or whose request failed. */
  void forget(TrackedOrder order) {
    awaited.remove(order.email, order);
  }

  /** Orders sent or about to be sent whose confirmation has not been seen yet. */
  int awaitedCount() {
    return awaited.size();
  }

  /** Messages GreenMail accepted (one per recipient), whatever the recipient. */
  long deliveries() {
    return deliveries.sum();
  }

  long scans() {
    return scans.get();
  }

  double meanScanMicros() {
    return scanNanosTotal.get() / 1e3 / Math.max(1, scans.get());
  }

  double maxScanMicros() {
    return scanNanosMax.get() / 1e3;
  }

  private void pollLoop() {
    while (running) {
      long start = System.nanoTime();
      for (TrackedOrder order : awaited.values()) {
        check(order);
      }
      long took = System.nanoTime() - start;
      scans.incrementAndGet();
      scanNanosTotal.addAndGet(took);
      scanNanosMax.accumulateAndGet(took, Math::max);
      LockSupport.parkNanos(pollNanos);
    }
  }

  private void check(TrackedOrder order) {
    GreenMailUser user = users.getUserByEmail(order.email);
    if (user == null) {
      return;
    }
    try {
      MailFolder inbox = folders.getInbox(user);
      List<StoredMessage> messages = inbox.getMessages();
      if (messages.isEmpty()) {
        return;
      }
      order.arrivedAt = System.nanoTime();
      order.messages = messages.size();
      String subject = messages.get(0).getMimeMessage().getSubject();
      order.expectedSubject = subject != null && subject.contains(order.orderId);
      delete(inbox, messages);
      // GreenMail finds a mailbox by walking a list of every user's folders: with a user left
      // behind per order, each delivery and each look here grew with the orders already seen
      // (at 100 orders/s the poller used a whole core after two minutes). A duplicate that arrives
      // later creates the user again, and countLateMessages finds it there.
      users.deleteUser(user);
      awaited.remove(order.email, order);
    } catch (FolderException | MessagingException e) {
      throw new IllegalStateException("Expected to read the mailbox of " + order.email + ", but: " + e, e);
    }
  }

  /** After the drain: adds the messages that reached already confirmed recipients later on. */
  void countLateMessages(Iterable<TrackedOrder> orders) throws FolderException {
    for (TrackedOrder order : orders) {
      GreenMailUser user = order.arrived() ? users.getUserByEmail(order.email) : null;
      if (user != null) {
        order.messages += folders.getInbox(user).getMessageCount();
      }
    }
  }

  private static void delete(MailFolder inbox, List<StoredMessage> messages) throws FolderException {
    for (StoredMessage message : messages) {
      message.setFlag(Flags.Flag.DELETED, true);
    }
    inbox.expunge();
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    poller.join(1000);
    greenMail.stop();
  }
}
