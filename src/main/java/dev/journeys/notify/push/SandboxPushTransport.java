package dev.journeys.notify.push;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Keeps every push in table sandbox_push instead of sending it; the device as its token's tail. */
class SandboxPushTransport implements PushTransport {

  record SandboxPush(String messageId, String device, String title, String body, OffsetDateTime sentAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  SandboxPushTransport(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void send(OutgoingPush push, String deviceToken) {
    jdbc.sql("INSERT INTO sandbox_push (message_id, device, title, body, sent_at) VALUES (?, ?, ?, ?, ?)")
        .params(push.messageId(), tail(deviceToken), push.title(), push.body(),
            OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
        .update();
  }

  static String tail(String token) {
    return token.length() <= 8 ? "…" + token : "…" + token.substring(token.length() - 8);
  }

  static List<SandboxPush> latest(JdbcClient jdbc, int limit) {
    return jdbc.sql("SELECT message_id, device, title, body, sent_at FROM sandbox_push ORDER BY id DESC LIMIT ?")
        .param(limit)
        .query((rs, n) -> new SandboxPush(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class)))
        .list();
  }
}
