package dev.journeys.notify.email;

import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.EmailMasking;
import dev.journeys.notify.RenderedMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * One email, addressed and rendered, with the Message-ID that makes resends recognisable.
 *
 * @param listUnsubscribe the List-Unsubscribe header value for marketing email (RFC 8058); null
 *     for transactional email
 */
record OutgoingEmail(
    String messageId,
    String from,
    String replyTo,
    String to,
    String toName,
    RenderedMessage content,
    String listUnsubscribe) {

  private static final Session SESSION = Session.getInstance(new Properties());

  static {
    MailStreamProvider.pin();
  }

  /**
   * Whether the address is one plain mailbox (addr-spec) that RFC 5322 parsing accepts as it is: no
   * line breaks, no display name, no list. Anything else is not sent to.
   */
  static boolean isWellFormedAddress(String address) {
    if (address == null || address.isBlank() || address.chars().anyMatch(c -> c == '\r' || c == '\n')) {
      return false;
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      return address.strip().equals(parsed.getAddress()) && parsed.getAddress().indexOf('@') > 0;
    } catch (AddressException e) {
      return false;
    }
  }

  /**
   * A multipart/alternative MIME message (plain text, then HTML). Throws a permanent failure for an
   * address that cannot be parsed: retrying cannot fix it.
   */
  MimeMessage toMime(Instant sentAt) {
    try {
      MimeMessage message = new StableIdMessage(messageId);
      message.setFrom(new InternetAddress(from, true));
      message.setReplyTo(new InternetAddress[] {new InternetAddress(replyTo, true)});
      message.setRecipient(MimeMessage.RecipientType.TO, recipient());
      message.setSubject(content.subject(), "UTF-8");
      message.setSentDate(Date.from(sentAt));
      message.setHeader("Content-Language", content.locale());
      message.setHeader("Auto-Submitted", "auto-generated");
      if (listUnsubscribe != null) {
        // One-click (RFC 8058): mail clients POST "List-Unsubscribe=One-Click" to the https link.
        message.setHeader(
            "List-Unsubscribe", MimeUtility.fold("List-Unsubscribe: ".length(), listUnsubscribe));
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      MimeBodyPart text = new MimeBodyPart();
      text.setText(content.text(), "UTF-8", "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(content.html(), "UTF-8", "html");
      MimeMultipart alternative = new MimeMultipart("alternative", text, html);
      message.setContent(alternative);
      message.saveChanges();
      return message;
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw ChannelSupport.permanentFailure(
          "Expected a well-formed email, but " + EmailMasking.maskAll(e.getMessage()));
    }
  }

  private InternetAddress recipient() throws MessagingException, UnsupportedEncodingException {
    InternetAddress address = new InternetAddress(to, true);
    address.setPersonal(toName, "UTF-8");
    return address;
  }

  /** JavaMail replaces the Message-ID whenever a message is saved; this keeps ours. */
  private static final class StableIdMessage extends MimeMessage {

    private final String id;

    StableIdMessage(String id) {
      super(SESSION);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
