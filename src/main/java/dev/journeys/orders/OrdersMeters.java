package dev.journeys.orders;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The orders module's meters, all of them: what the inbox still has to process. */
@Component
public class OrdersMeters {

  /**
   * Gauge: inbox events not processed yet, by {@code state}: pending (waiting or being processed)
   * or parked (authentic but unprocessable, waiting for an operator or for their order).
   */
  public static final String INBOX_BACKLOG = "journeys.inbox.backlog";

  public static final Map<String, Meter.Type> CATALOGUE = Map.of(INBOX_BACKLOG, Meter.Type.GAUGE);

  OrdersMeters(MeterRegistry registry, JdbcClient jdbc) {
    backlog(registry, jdbc, "pending", "state IN ('PENDING', 'PROCESSING')");
    backlog(registry, jdbc, "parked", "state = 'PARKED'");
  }

  private static void backlog(MeterRegistry registry, JdbcClient jdbc, String state, String where) {
    Gauge.builder(INBOX_BACKLOG, () -> jdbc.sql("SELECT COUNT(*) FROM inbox WHERE " + where).query(Long.class).single())
        .description("Inbox events not processed yet")
        .tag("state", state)
        .register(registry);
  }
}
