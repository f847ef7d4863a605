package dev.journeys.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.BroadcastSignalResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signals broadcast by an admin: through the Camunda client's BroadcastSignal, so the embedded
 * engine and a Camunda 8 cluster alike, then recorded with who sent it and when. A broadcast the
 * engine refused is not recorded.
 */
@Component
class SignalBroadcasts {

  private static final long TIMEOUT_SECONDS = 10;
  /** A signal name is a BPMN name, not an essay; Zeebe's own limit is far above any real one. */
  static final int MAX_NAME = 256;

  /** One recorded broadcast. */
  record Sent(long id, String name, String variables, long key, String sentBy, Instant sentAt) {}

  /** A form field that cannot be sent as it is. */
  static final class BadField extends RuntimeException {
    private final String field;

    BadField(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  private final CamundaClient client;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  SignalBroadcasts(CamundaClient client, JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.client = client;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Broadcasts the signal with the variables (a JSON object, or blank for none) and records it. */
  Sent send(String name, String variables, String sentBy) {
    String signalName = name == null ? "" : name.strip();
    if (signalName.isEmpty()) {
      throw new BadField("signalName", "Expected signalName (the name the journeys' signal events wait for), but it is empty");
    }
    if (signalName.length() > MAX_NAME) {
      throw new BadField("signalName", "Expected signalName of at most " + MAX_NAME + " characters, but it has "
          + signalName.length());
    }
    String document = document(variables);
    BroadcastSignalResponse response = client.newBroadcastSignalCommand().signalName(signalName).variables(document)
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Instant now = clock.instant();
    jdbc.sql("INSERT INTO dashboard_signal (signal_name, variables, signal_key, sent_by, sent_at) VALUES (?, ?, ?, ?, ?)")
        .params(signalName, document, response.getKey(), sentBy, now.atOffset(ZoneOffset.UTC))
        .update();
    return recent(1).getFirst();
  }

  /** The variables as one compact JSON object; anything else names the field. */
  private String document(String variables) {
    if (variables == null || variables.isBlank()) {
      return "{}";
    }
    JsonNode parsed;
    try {
      parsed = json.readTree(variables);
    } catch (JsonProcessingException e) {
      throw new BadField("variables", "Expected variables to be a JSON object, but it is not JSON: "
          + e.getOriginalMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw new BadField("variables", "Expected variables to be a JSON object such as {\"days\": 3}, but it is "
          + (parsed == null ? "empty" : parsed.getNodeType().name().toLowerCase()));
    }
    return parsed.toString();
  }

  /** The latest broadcasts, newest first. */
  List<Sent> recent(int limit) {
    return jdbc.sql("SELECT id, signal_name, variables, signal_key, sent_by, sent_at FROM dashboard_signal "
            + "ORDER BY id DESC LIMIT ?")
        .param(limit)
        .query((rs, n) -> new Sent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
            rs.getObject(6, OffsetDateTime.class).toInstant()))
        .list();
  }
}
