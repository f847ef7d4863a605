package dev.journeys.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Writes N finished and running post-purchase journeys straight into the engine's history tables
 * (and the app's orders and outbox), as the engine itself would have left them: most completed,
 * some waiting for a shipment update, a few stuck in an incident at the confirmation. Far faster
 * than running them through the engine, and the dashboard reads only these tables.
 */
final class DashboardSeeder {

  /** Seeded keys stay far below the engine's own (partition 1 keys start at 2^51). */
  static final long FIRST_KEY = 1_000_000_000L;
  private static final String[] COMPLETED_PATH = {"order_placed", "send_order_confirmation", "shipping",
      "shipping_started", "await_shipment_update", "send_shipping_update", "delivered_yet", "order_delivered",
      "one_day_after_delivery", "send_feedback_request"};
  private static final int BATCH = 2_000;

  record Seeded(long firstInstance, long lastInstance, int active, int incidents) {}

  private final DataSource dataSource;

  DashboardSeeder(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every 100th journey is stuck in an incident, every 5th waits for its shipment, the rest completed. */
  Seeded seed(int instances, long definitionKey, int version, Instant now) throws SQLException {
    return seed(instances, definitionKey, version, now, false);
  }

  /**
   * As {@link #seed(int, long, int, Instant)}; with {@code finishedOnly} every journey completed, so
   * the history holds no journey the engine's runtime tables do not (RestartBenchmark: a store whose
   * running journeys are real ones, made through the app).
   */
  Seeded seed(int instances, long definitionKey, int version, Instant now, boolean finishedOnly) throws SQLException {
    int active = 0;
    int incidents = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement pi = c.prepareStatement("INSERT INTO engine_process_instance_history (process_instance_key, "
              + "process_definition_key, bpmn_process_id, process_version, state, start_date, end_date, tenant_id) "
              + "VALUES (?, ?, 'post-purchase', ?, ?, ?, ?, '<default>')");
          PreparedStatement ei = c.prepareStatement("INSERT INTO engine_element_instance_history (element_instance_key, "
              + "process_instance_key, process_definition_key, bpmn_process_id, element_id, element_kind, flow_scope_key, "
              + "state, start_date, end_date) VALUES (?, ?, ?, 'post-purchase', ?, ?, ?, ?, ?, ?)");
          PreparedStatement inc = c.prepareStatement("INSERT INTO engine_incident (incident_key, error_type, error_message, "
              + "element_id, element_instance_key, process_instance_key, process_definition_key, bpmn_process_id, job_key, "
              + "tenant_id, created_at) VALUES (?, 'JOB_NO_RETRIES', 'SMTP server unreachable', 'send_order_confirmation', "
              + "?, ?, ?, 'post-purchase', ?, '<default>', ?)");
          PreparedStatement incHistory = c.prepareStatement("INSERT INTO engine_incident_history (incident_key, error_type, "
              + "error_message, element_id, element_instance_key, process_instance_key, process_definition_key, "
              + "bpmn_process_id, job_key, state, creation_time, tenant_id) VALUES (?, 'JOB_NO_RETRIES', "
              + "'SMTP server unreachable', 'send_order_confirmation', ?, ?, ?, 'post-purchase', ?, 'ACTIVE', ?, '<default>')");
          PreparedStatement order = c.prepareStatement("INSERT INTO orders (order_id, customer_email, customer_name, "
              + "total, currency, locale, received_at, journey_key, claimed_at, customer_id) "
              + "VALUES (?, 'seeded@example.com', 'Seeded Customer', 10, 'EUR', 'en', ?, ?, ?, ?)");
          PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (element_instance_key, channel, job_key, "
              + "order_id, template, message_id, status, attempts, created_at, sent_at, customer_id) "
              + "VALUES (?, ?, ?, ?, 'order-confirmation', ?, 'SENT', 1, ?, ?, ?)")) {
        for (int i = 0; i < instances; i++) {
          long key = FIRST_KEY + (long) i * 100;
          // spread over the last 30 days, newest last
          Instant started = now.minus(30, ChronoUnit.DAYS).plusMillis((long) i * (30L * 86_400_000 / instances));
          boolean incident = !finishedOnly && i % 100 == 99;
          boolean waiting = !finishedOnly && !incident && i % 5 == 4;
          String state = incident || waiting ? "ACTIVE" : "COMPLETED";
          active += incident || waiting ? 1 : 0;
          incidents += incident ? 1 : 0;
          long start = started.toEpochMilli();
          pi.setLong(1, key);
          pi.setLong(2, definitionKey);
          pi.setInt(3, version);
          pi.setString(4, state);
          pi.setLong(5, start);
          setEnd(pi, 6, state.equals("COMPLETED") ? start + 86_400_000L * 2 : null);
          pi.addBatch();
          int steps = incident ? 2 : waiting ? 5 : COMPLETED_PATH.length;
          for (int s = 0; s < steps; s++) {
            String element = COMPLETED_PATH[s];
            boolean open = (incident && s == 1) || (waiting && (s == 2 || s == 4));
            ei.setLong(1, key + 1 + s);
            ei.setLong(2, key);
            ei.setLong(3, definitionKey);
            ei.setString(4, element);
            ei.setString(5, kind(element));
            ei.setLong(6, s >= 3 && s <= 7 ? key + 3 : key);
            ei.setString(7, open ? "ACTIVE" : "COMPLETED");
            ei.setLong(8, start + s * 1000L);
            setEnd(ei, 9, open ? null : start + s * 1000L + 500);
            ei.addBatch();
          }
          if (incident) {
            for (PreparedStatement p : new PreparedStatement[] {inc, incHistory}) {
              p.setLong(1, key + 50);
              p.setLong(2, key + 2);
              p.setLong(3, key);
              p.setLong(4, definitionKey);
              p.setLong(5, key + 60);
              p.setLong(6, start + 2000);
              p.addBatch();
            }
          }
          String orderId = "S-" + i;
          Timestamp at = Timestamp.from(started);
          order.setString(1, orderId);
          order.setTimestamp(2, at);
          order.setLong(3, key);
          order.setTimestamp(4, at);
          order.setString(5, "SC-" + (i % 50_000));
          order.addBatch();
          outbox.setLong(1, key + 2);
          outbox.setString(2, "email");
          outbox.setLong(3, key + 60);
          outbox.setString(4, orderId);
          outbox.setString(5, "<seeded-" + key + "@journeys.local>");
          outbox.setTimestamp(6, at);
          outbox.setTimestamp(7, at);
          outbox.setString(8, "SC-" + (i % 50_000));
          outbox.addBatch();
          if (i % BATCH == BATCH - 1 || i == instances - 1) {
            for (PreparedStatement p : new PreparedStatement[] {pi, ei, inc, incHistory, order, outbox}) {
              p.executeBatch();
            }
            c.commit();
          }
        }
      }
    }
    return new Seeded(FIRST_KEY, FIRST_KEY + (long) (instances - 1) * 100, active, incidents);
  }

  private static String kind(String element) {
    return switch (element) {
      case "order_placed", "shipping_started" -> "START_EVENT";
      case "shipping" -> "SUB_PROCESS";
      case "await_shipment_update" -> "RECEIVE_TASK";
      case "delivered_yet" -> "EXCLUSIVE_GATEWAY";
      case "order_delivered" -> "END_EVENT";
      case "one_day_after_delivery" -> "INTERMEDIATE_CATCH_EVENT";
      default -> "SERVICE_TASK";
    };
  }

  private static void setEnd(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, java.sql.Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}
