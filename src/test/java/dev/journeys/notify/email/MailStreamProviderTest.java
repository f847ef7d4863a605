package dev.journeys.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

/** Jakarta Mail finds its stream provider by name, not by scanning the class path on every call. */
class MailStreamProviderTest {

  @Test
  void anyEmailPinsAngusAsTheStreamProvider() {
    // Loading OutgoingEmail (every email is one) pins the provider.
    assertThat(OutgoingEmail.isWellFormedAddress("a@example.com")).isTrue();

    assertThat(System.getProperty(MailStreamProvider.PROPERTY)).isEqualTo(MailStreamProvider.ANGUS);
    assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(MailStreamProvider.ANGUS);
  }

  @Test
  void aProviderTheOperatorNamedIsKept() {
    String before = System.getProperty(MailStreamProvider.PROPERTY);
    System.setProperty(MailStreamProvider.PROPERTY, "com.example.TheirProvider");
    try {
      MailStreamProvider.pin();
      assertThat(System.getProperty(MailStreamProvider.PROPERTY)).isEqualTo("com.example.TheirProvider");
    } finally {
      if (before == null) {
        System.clearProperty(MailStreamProvider.PROPERTY);
      } else {
        System.setProperty(MailStreamProvider.PROPERTY, before);
      }
    }
  }
}
