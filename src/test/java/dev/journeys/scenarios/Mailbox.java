package dev.journeys.scenarios;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the SMTP server (GreenMail) actually received, read the way a customer's mail client would. */
final class Mailbox {

  static final Duration WAIT = Duration.ofSeconds(30);

  private static final Pattern RATING_LINK = Pattern.compile("https?://\\S+(/api/feedback/[A-Za-z0-9_.-]+)");
  private static final Pattern ONE_CLICK = Pattern.compile("<(https?://[^>]+)>");

  private final GreenMailOperations smtp;

  Mailbox(GreenMailOperations smtp) {
    this.smtp = smtp;
  }

  /**
   * One received email.
   *
   * @param language the Content-Language header
   * @param listUnsubscribe the List-Unsubscribe header, null when there is none
   */
  record Mail(
      String to, String subject, String language, String text, String html, String listUnsubscribe,
      String messageId) {

    /** The five rating links of a feedback request, as paths on the app (1 star first). */
    List<String> ratingLinks() {
      Matcher links = RATING_LINK.matcher(text);
      return links.results().map(m -> m.group(1)).toList();
    }

    /** The one-click (RFC 8058) https link of List-Unsubscribe, as a path on the app. */
    String oneClickUnsubscribe() {
      Matcher link = ONE_CLICK.matcher(listUnsubscribe == null ? "" : listUnsubscribe);
      if (!link.find()) {
        throw new AssertionError("Expected a List-Unsubscribe header with an https link, but got " + listUnsubscribe);
      }
      return link.group(1).replaceFirst("^https?://[^/]+", "");
    }
  }

  /** Every email received for this address, in the order the server received them. */
  List<Mail> to(String address) {
    // The shared server keeps every test's mail: pick this address's by their recipients (headers
    // only) before reading any whole, or every poll parses the suite's mail so far.
    return Arrays.stream(smtp.getReceivedMessagesForDomain(address))
        .map(Mailbox::read)
        .filter(m -> m.to().equalsIgnoreCase(address))
        .toList();
  }

  List<String> subjectsTo(String address) {
    return to(address).stream().map(Mail::subject).toList();
  }

  /** Waits for the email with this subject and returns it (the first, if there are several). */
  Mail awaitSubject(String address, String subject) {
    return await("an email \"" + subject + "\" to " + address)
        .atMost(WAIT)
        .until(() -> to(address).stream().filter(m -> m.subject().equals(subject)).findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static String unfolded(String header) {
    return header == null ? null : MimeUtility.unfold(header);
  }

  private static Mail read(MimeMessage message) {
    try {
      String to = ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
      MimeMultipart parts = (MimeMultipart) message.getContent();
      return new Mail(
          to,
          message.getSubject(),
          message.getHeader("Content-Language", null),
          (String) parts.getBodyPart(0).getContent(),
          (String) parts.getBodyPart(1).getContent(),
          unfolded(message.getHeader("List-Unsubscribe", null)),
          message.getMessageID());
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Expected a multipart/alternative email, but could not read it", e);
    }
  }
}
