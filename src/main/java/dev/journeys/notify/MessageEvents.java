package dev.journeys.notify;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What happened to a message after it left (message_event): opened, clicked, bounced,
 * unsubscribed. The first of each kind per message only, so each counts the message once however
 * often the customer opens it; each row copies the template, locale and journey it is counted under.
 */
@Repository
class MessageEvents {

  /** Our Message-IDs: {@code <element instance key>.<channel>@domain} (see {@link Outbox#messageId}). */
  private static final Pattern MESSAGE_ID = Pattern.compile("<?(\\d{1,19})\\.([a-z0-9-]{1,16})@[^>]+>?");

  /** A message of ours, found by its Message-ID. */
  record Message(long elementInstanceKey, Channel channel) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  MessageEvents(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records the event unless the message has one of this kind already.
   *
   * @param kind one of {@link CountedAs}'s outcomes: opened, clicked, bounced, unsubscribed
   * @param reason short, counted with it (e.g. the bounce's source); may be null
   * @return whether it was recorded: false for a repeat, or a message we have no record of
   */
  boolean record(long elementInstanceKey, Channel channel, String kind, String reason) {
    try {
      return jdbc.sql("""
              INSERT INTO message_event (element_instance_key, channel, kind, template, locale, journey, detail,
                                         happened_at)
              SELECT element_instance_key, channel, ?, template, locale, journey, ?, ?
              FROM outbox o WHERE element_instance_key = ? AND channel = ?
                AND NOT EXISTS (SELECT 1 FROM message_event e WHERE e.element_instance_key = o.element_instance_key
                                AND e.channel = o.channel AND e.kind = ?)""")
          .params(kind, CountedAs.shortReason(reason), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
              elementInstanceKey, channel.key(), kind)
          .update() == 1;
    } catch (DuplicateKeyException recordedMeanwhile) {
      return false;
    }
  }

  /** The message an email's Message-ID names, when the outbox holds it under exactly that id. */
  Optional<Message> find(String messageId) {
    Matcher m = MESSAGE_ID.matcher(messageId.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    long key;
    try {
      key = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String wanted = messageId.strip().startsWith("<") ? messageId.strip() : "<" + messageId.strip() + ">";
    return jdbc.sql("SELECT channel FROM outbox WHERE element_instance_key = ? AND channel = ? AND message_id = ?")
        .params(key, m.group(2), wanted)
        .query((rs, n) -> new Message(key, Channel.fromKey(rs.getString(1))))
        .optional();
  }

  /** Whether the message is in the outbox at all. */
  boolean known(long elementInstanceKey, Channel channel) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE element_instance_key = ? AND channel = ?")
        .params(elementInstanceKey, channel.key()).query(Integer.class).single() > 0;
  }
}
