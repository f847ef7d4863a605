package dev.journeys.notify.email;

import dev.journeys.notify.EmailMasking;
import jakarta.mail.MessagingException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.springframework.mail.MailSendException;

/**
 * Tells a permanent rejection of the recipient (a 5xx reply to RCPT TO, such as "550 no such
 * user") from everything else. Only that case suppresses the address: a 5xx to MAIL FROM or DATA
 * says more about our sender or content than about the customer's mailbox, and a 4xx or a network
 * error may pass, so those are retried.
 */
final class SmtpRejection {

  private SmtpRejection() {}

  /** The server's reply, masked, when the exception is a permanent rejection of the recipient. */
  static Optional<String> permanentRecipientRejection(Throwable failure) {
    Set<Throwable> seen = new HashSet<>();
    return find(failure, seen);
  }

  private static Optional<String> find(Throwable failure, Set<Throwable> seen) {
    if (failure == null || !seen.add(failure)) {
      return Optional.empty();
    }
    if (failure instanceof SMTPAddressFailedException rejected
        && rejected.getReturnCode() >= 500
        && rejected.getReturnCode() < 600) {
      return Optional.of(EmailMasking.maskAll(rejected.getMessage().strip()));
    }
    if (failure instanceof MailSendException send) {
      for (Exception nested : send.getMessageExceptions()) {
        Optional<String> found = find(nested, seen);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (failure instanceof MessagingException messaging) {
      Optional<String> found = find(messaging.getNextException(), seen);
      if (found.isPresent()) {
        return found;
      }
    }
    return find(failure.getCause(), seen);
  }
}
