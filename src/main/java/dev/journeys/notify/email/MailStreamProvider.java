package dev.journeys.notify.email;

/**
 * Names Jakarta Mail's stream provider once, as a system property. Without it, the mail API looks
 * the provider up through {@link java.util.ServiceLoader} on every encoded subject, body part and
 * write, scanning the class path each time: a fifth of the CPU an order cost under load. With the
 * property set, it instantiates the named class directly. A value set by the operator is kept.
 */
final class MailStreamProvider {

  static final String PROPERTY = "jakarta.mail.util.StreamProvider";
  static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

  private MailStreamProvider() {}

  /** Idempotent; does nothing when Angus Mail is not the implementation on the class path. */
  static void pin() {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    try {
      Class.forName(ANGUS, false, MailStreamProvider.class.getClassLoader());
    } catch (ClassNotFoundException otherImplementation) {
      return;
    }
    System.setProperty(PROPERTY, ANGUS);
  }
}
