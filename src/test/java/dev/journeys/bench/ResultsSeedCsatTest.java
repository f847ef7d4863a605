package dev.journeys.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import dev.journeys.feedback.Satisfaction;
import dev.journeys.feedback.SatisfactionRollup;
import dev.journeys.notify.MutableClock;
import dev.journeys.notify.SentMessages;
import dev.journeys.orders.DeliveryHonesty;
import dev.journeys.orders.DeliveryRollup;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The results benchmark's order seeding (ResultsSeedCsat) is what the app would have recorded, and
 * the satisfaction and delivery honesty roll-ups over a year of it give exactly the live counts: for
 * the default 28 days, a year, a journey and a mid-day start; on H2 and, when configured, PostgreSQL.
 */
class ResultsSeedCsatTest {

  private static final Instant NOW = Instant.parse("2031-06-15T10:30:00Z");

  private MigratedDatabase database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aRolledUpYearCountsExactlyWhatTheSeededFactsSay(String kind) {
    database = MigratedDatabase.open(kind);
    ResultsSeedCsat.seed(database.dataSource(), 4_000, NOW);
    MutableClock clock = new MutableClock(NOW);
    SentMessages sent = new SentMessages(database.jdbc());
    Satisfaction rolled = new Satisfaction(database.jdbc(), sent, database.transactions());
    Satisfaction live = new Satisfaction(database.jdbc(), sent);
    DeliveryHonesty rolledDelivery = new DeliveryHonesty(database.jdbc(), clock, database.transactions());
    DeliveryHonesty liveDelivery = new DeliveryHonesty(database.jdbc());

    // The first delay alert kept on each order is the first one in the outbox.
    assertThat(database.jdbc().sql("""
            SELECT COUNT(*) FROM orders o WHERE o.first_delay_alert_at IS DISTINCT FROM (SELECT MIN(m.sent_at)
              FROM outbox m WHERE m.order_id = o.order_id AND m.template = 'delay-alert' AND m.status = 'SENT')""")
        .query(Long.class).single()).isZero();

    int csatDays = new SatisfactionRollup(rolled, null, clock, Duration.ofMinutes(10), Duration.ofMinutes(15))
        .rollUpClosedDays();
    int deliveryDays = new DeliveryRollup(rolledDelivery, null, clock, Duration.ofMinutes(10), Duration.ofMinutes(15))
        .rollUpClosedDays();
    assertThat(csatDays).isGreaterThan(350);
    assertThat(deliveryDays).isGreaterThan(350);

    Instant today = LocalDate.ofInstant(NOW, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant tomorrow = today.plus(Duration.ofDays(1));
    for (Instant from : new Instant[] {today.minus(Duration.ofDays(27)), today.minus(Duration.ofDays(365)),
        today.minus(Duration.ofDays(100)).plus(Duration.ofHours(7))}) {
      Satisfaction.Report year = rolled.report(from, tomorrow, null, 20);
      assertThat(year).isEqualTo(live.report(from, tomorrow, null, 20));
      assertThat(rolled.report(from, tomorrow, "post-purchase", 20))
          .isEqualTo(live.report(from, tomorrow, "post-purchase", 20));
      assertThat(rolledDelivery.report(from, tomorrow, NOW)).isEqualTo(liveDelivery.report(from, tomorrow, NOW));
    }
    assertThat(rolled.report(today.minus(Duration.ofDays(365)), tomorrow, null, 0).ratings().total()).isGreaterThan(500);
    assertThat(rolledDelivery.report(today.minus(Duration.ofDays(365)), tomorrow, NOW).alerts().alerted())
        .isGreaterThan(100);
  }
}
