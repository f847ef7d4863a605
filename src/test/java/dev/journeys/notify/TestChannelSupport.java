package dev.journeys.notify;

import java.util.List;

/** A ChannelSupport for tests of a channel's templates alone: it renders, and records nothing. */
public final class TestChannelSupport {

  private TestChannelSupport() {}

  public static ChannelSupport forTemplates() {
    MessageModel model = new MessageModel(TestMessages.PROPERTIES, (order, customerId, limit) -> List.of(), List.of());
    return new ChannelSupport(null, null, null, TestMessages.PROPERTIES, new MessageRenderer(), model);
  }
}
