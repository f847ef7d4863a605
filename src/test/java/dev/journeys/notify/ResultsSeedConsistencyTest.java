package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import dev.journeys.bench.ResultsSeedMessages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark's seeding writes what the app would: the page over its year (closed days from the
 * roll-up, today live) says exactly what counting every fact afresh says, and the counts follow
 * from the seeding's rules.
 */
class ResultsSeedConsistencyTest {

  private MigratedDatabase database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void theRolledUpYearAddsUpToItsFacts(String kind) throws Exception {
    database = MigratedDatabase.open(kind);
    Instant now = Instant.parse("2030-06-10T12:00:00Z");
    ResultsSeedMessages.Seeded seeded = ResultsSeedMessages.seed(database.dataSource(), 4_000, now);
    assertThat(seeded.daysRolledUp()).isGreaterThanOrEqualTo(365);

    OutcomeCounts counts = new OutcomeCounts(database.jdbc(), database.transactions());
    MutableClock clock = new MutableClock(now);
    MessageOutcomes outcomes = new MessageOutcomes(counts, TrackingProperties.OFF, clock);
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    MessageOutcomes.Period year = outcomes.period(today.minusDays(366).toString(), today.toString());

    Map<String, Long> paged = outcomes.report(year).total().counts();
    Map<String, Long> afresh = new java.util.HashMap<>();
    counts.live(year.from(), year.to()).forEach(c -> afresh.merge(c.outcome(), c.messages(), Long::sum));
    MessageOutcomes.OUTCOMES.forEach(o -> afresh.putIfAbsent(o, 0L));
    assertThat(paged).isEqualTo(afresh);
    assertThat(counts.rolledThrough()).isEqualTo(today.minusDays(1));
    // 4,000 messages; fate (i / 10) % 20: 0 skipped, 2 refused, else sent (1 of them held first).
    assertThat(paged.get("decided")).isEqualTo(4_000);
    assertThat(paged.get("skipped")).isEqualTo(200);
    assertThat(paged.get("held")).isEqualTo(200);
    assertThat(paged.get("sent")).isEqualTo(3_600);
    // SMS (i % 10 >= 7) sent: delivered unless i % 10 == 9; refused SMS failed; refused email bounced at
    // once, plus a bounce report for every 50th message that was sent (60 of them).
    assertThat(paged.get("delivered")).isEqualTo(720);
    assertThat(paged.get("failed")).isEqualTo(60);
    assertThat(paged.get("bounced")).isEqualTo(360 + 140 + 60);
  }

}
