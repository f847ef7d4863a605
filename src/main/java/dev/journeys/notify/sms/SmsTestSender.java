package dev.journeys.notify.sms;

import dev.journeys.notify.PhoneNumbers;
import dev.journeys.notify.TestTexts;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The studio's "send a test to me" for SMS: through the same transport as a customer's SMS (the
 * provider's Messages API, or the sandbox), with an id of its own and no outbox row.
 */
@Component
class SmsTestSender implements TestTexts {

  private final SmsTransport transport;

  SmsTestSender(SmsTransport transport) {
    this.transport = transport;
  }

  @Override
  public String suffix() {
    return SmsComposer.SUFFIX;
  }

  @Override
  public void send(String to, String locale, String text) {
    String body = text.replaceAll("\\s+", " ").strip();
    OutgoingSms sms = new OutgoingSms("test-" + UUID.randomUUID(), to, body, locale, SmsSegments.count(body));
    try {
      transport.send(sms);
    } catch (SmsTransport.Unavailable | SmsTransport.Refused e) {
      throw new IllegalStateException("Expected the SMS provider to take the test to " + PhoneNumbers.mask(to)
          + ", but: " + PhoneNumbers.maskAll(e.getMessage()), e);
    }
  }
}
