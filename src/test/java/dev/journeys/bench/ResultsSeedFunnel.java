package dev.journeys.bench;

import dev.journeys.engine.state.TimeBuckets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Seeds the journey funnel for the results benchmark: {@code journeys} post-purchase journeys of the
 * newest deployed version, written straight into the engine's history tables (about ten element rows
 * each) together with the funnel counters and entry-time buckets the engine's writer would have kept
 * for them (engine_funnel_element, engine_funnel_timing), so the page reads what the history says.
 * Only engine tables are written, with keys from {@link #FIRST_KEY} (away from DashboardSeeder's).
 *
 * <p>Of every 1,000 journeys: 10 are stuck in an incident at the order confirmation, 20 were
 * cancelled and 2 erased while they waited for shipment news, 194 still wait for it, and the rest
 * completed, half after a rating and half without one. Steps come hours to days after the start,
 * spread so that the medians differ per step.
 */
public final class ResultsSeedFunnel {

  public static final long FIRST_KEY = 3_000_000_000_000L;
  private static final int BATCH = 2_000;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  /** A step of the seeded path: its element, kind and whether it lies inside the shipping subprocess. */
  private record Step(String id, String kind, boolean inShipping) {}

  private static final Step[] PATH = {
      new Step("order_placed", "START_EVENT", false),
      new Step("send_order_confirmation", "SERVICE_TASK", false),
      new Step("shipping", "SUB_PROCESS", false),
      new Step("shipping_started", "START_EVENT", true),
      new Step("await_shipment_update", "RECEIVE_TASK", true),
      new Step("send_shipping_update", "SERVICE_TASK", true),
      new Step("delivered_yet", "EXCLUSIVE_GATEWAY", true),
      new Step("order_delivered", "END_EVENT", true),
      new Step("one_day_after_delivery", "INTERMEDIATE_CATCH_EVENT", false),
      new Step("send_feedback_request", "SERVICE_TASK", false),
      new Step("no_rating", "END_EVENT", false)};
  private static final Step RATED_END = new Step("rating_settled", "END_EVENT", false);

  private ResultsSeedFunnel() {}

  /** Counters of one element, as the writer keeps them. */
  private static final class Counts {
    long journeys;
    long completed;
    long cancelled;
    long erased;
    final Map<Integer, Long> buckets = new HashMap<>();

    void reached(long sinceStart) {
      journeys++;
      buckets.merge(TimeBuckets.of(sinceStart), 1L, Long::sum);
    }
  }

  public static void seed(DataSource ds, int journeys, Instant now) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      long definitionKey;
      int version;
      try (PreparedStatement newest = c.prepareStatement("SELECT definition_key, version FROM engine_process "
          + "WHERE bpmn_process_id = 'post-purchase' ORDER BY version DESC FETCH FIRST 1 ROWS ONLY");
          ResultSet rs = newest.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("Expected post-purchase to be deployed before seeding its funnel");
        }
        definitionKey = rs.getLong(1);
        version = rs.getInt(2);
      }
      Map<String, Counts> counts = new HashMap<>();
      try (PreparedStatement pi = c.prepareStatement("INSERT INTO engine_process_instance_history "
              + "(process_instance_key, process_definition_key, bpmn_process_id, process_version, state, start_date, "
              + "end_date, tenant_id) VALUES (?, ?, 'post-purchase', ?, ?, ?, ?, '<default>')");
          PreparedStatement ei = c.prepareStatement("INSERT INTO engine_element_instance_history (element_instance_key, "
              + "process_instance_key, process_definition_key, bpmn_process_id, element_id, element_kind, flow_scope_key, "
              + "state, start_date, end_date) VALUES (?, ?, ?, 'post-purchase', ?, ?, ?, ?, ?, ?)");
          PreparedStatement inc = c.prepareStatement("INSERT INTO engine_incident (incident_key, error_type, "
              + "error_message, element_id, element_instance_key, process_instance_key, process_definition_key, "
              + "bpmn_process_id, job_key, tenant_id, created_at) VALUES (?, 'JOB_NO_RETRIES', 'SMTP server unreachable', "
              + "'send_order_confirmation', ?, ?, ?, 'post-purchase', NULL, '<default>', ?)")) {
        for (int i = 0; i < journeys; i++) {
          long key = FIRST_KEY + (long) i * 100;
          long start = now.minus(30, ChronoUnit.DAYS).toEpochMilli() + (long) i * (30L * DAY / Math.max(1, journeys));
          int kind = i % 1000;
          boolean incident = kind < 10;
          boolean cancelled = kind >= 10 && kind < 30;
          boolean erased = kind >= 30 && kind < 32;
          boolean waiting = kind >= 32 && kind < 226;
          boolean stopsAtShipment = cancelled || erased || waiting;
          // deterministic spread: shipping news after 6 h to 3 days, delivery 1 to 4 days after that
          long shipped = 6 * HOUR + (i * 7919L % 66) * HOUR;
          long delivered = shipped + DAY + (i * 104_729L % 72) * HOUR;
          long[] at = {0, 1_500, 2_000, 2_000, 2_000, shipped, shipped + 200, shipped + 300, delivered,
              delivered + DAY, delivered + 8 * DAY};
          int steps = incident ? 2 : stopsAtShipment ? 5 : PATH.length;
          long end = start + at[steps - 1];
          String state = incident || waiting ? "ACTIVE" : cancelled || erased ? "TERMINATED" : "COMPLETED";
          pi.setLong(1, key);
          pi.setLong(2, definitionKey);
          pi.setInt(3, version);
          pi.setString(4, state);
          pi.setLong(5, start);
          setLong(pi, 6, state.equals("ACTIVE") ? null : end);
          pi.addBatch();
          counts.computeIfAbsent("post-purchase", id -> new Counts()).reached(0);
          Counts process = counts.get("post-purchase");
          for (int s = 0; s < steps; s++) {
            Step step = s == PATH.length - 1 && i % 2 == 1 ? RATED_END : PATH[s];
            boolean last = s == steps - 1;
            boolean shippingOpen = stopsAtShipment && step.id().equals("shipping");
            String elementState = incident && last || waiting && (last || shippingOpen) ? "ACTIVE"
                : (cancelled || erased) && (last || shippingOpen) ? "TERMINATED" : "COMPLETED";
            ei.setLong(1, key + 1 + s);
            ei.setLong(2, key);
            ei.setLong(3, definitionKey);
            ei.setString(4, step.id());
            ei.setString(5, step.kind());
            ei.setLong(6, step.inShipping() ? key + 3 : key);
            ei.setString(7, elementState);
            ei.setLong(8, start + at[s]);
            setLong(ei, 9, elementState.equals("ACTIVE") ? null : elementState.equals("TERMINATED") ? end
                : start + at[s] + 100);
            ei.addBatch();
            Counts element = counts.computeIfAbsent(step.id(), id -> new Counts());
            element.reached(at[s]);
            if (last && state.equals("COMPLETED")) {
              element.completed++;
            }
            if (last && cancelled) {
              element.cancelled++;
            }
            if (last && erased) {
              element.erased++;
            }
          }
          if (state.equals("COMPLETED")) {
            process.completed++;
          } else if (cancelled) {
            process.cancelled++;
          } else if (erased) {
            process.erased++;
          }
          if (incident) {
            inc.setLong(1, key + 50);
            inc.setLong(2, key + 2);
            inc.setLong(3, key);
            inc.setLong(4, definitionKey);
            inc.setLong(5, start + 2_000);
            inc.addBatch();
          }
          if (i % BATCH == BATCH - 1 || i == journeys - 1) {
            pi.executeBatch();
            ei.executeBatch();
            inc.executeBatch();
            c.commit();
          }
        }
      }
      writeCounters(c, definitionKey, counts);
      c.commit();
    }
  }

  /** Adds the seeded journeys to the counters (which may already count journeys the engine ran). */
  private static void writeCounters(Connection c, long definitionKey, Map<String, Counts> counts) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE engine_funnel_element SET journeys = journeys + ?, "
            + "entered = entered + ?, completed = completed + ?, cancelled = cancelled + ?, erased = erased + ? "
            + "WHERE process_definition_key = ? AND element_id = ?");
        PreparedStatement insert = c.prepareStatement("INSERT INTO engine_funnel_element (journeys, entered, completed, "
            + "cancelled, erased, process_definition_key, element_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement updateBucket = c.prepareStatement("UPDATE engine_funnel_timing SET entered = entered + ? "
            + "WHERE process_definition_key = ? AND element_id = ? AND bucket = ?");
        PreparedStatement insertBucket = c.prepareStatement("INSERT INTO engine_funnel_timing (entered, "
            + "process_definition_key, element_id, bucket) VALUES (?, ?, ?, ?)")) {
      for (var entry : counts.entrySet()) {
        Counts n = entry.getValue();
        long[] values = {n.journeys, n.journeys, n.completed, n.cancelled, n.erased};
        if (upsert(update, insert, values, definitionKey, entry.getKey(), null) == 0) {
          throw new IllegalStateException("Expected to write the funnel counters of " + entry.getKey());
        }
        for (var bucket : n.buckets.entrySet()) {
          upsert(updateBucket, insertBucket, new long[] {bucket.getValue()}, definitionKey, entry.getKey(),
              bucket.getKey());
        }
      }
    }
  }

  private static int upsert(PreparedStatement update, PreparedStatement insert, long[] values, long definitionKey,
      String elementId, Integer bucket) throws SQLException {
    for (PreparedStatement statement : new PreparedStatement[] {update, insert}) {
      int p = 1;
      for (long value : values) {
        statement.setLong(p++, value);
      }
      statement.setLong(p++, definitionKey);
      statement.setString(p++, elementId);
      if (bucket != null) {
        statement.setInt(p, bucket);
      }
      if (statement == update) {
        int updated = statement.executeUpdate();
        if (updated > 0) {
          return updated;
        }
      } else {
        return statement.executeUpdate();
      }
    }
    return 0;
  }

  private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}
