package dev.journeys.bench;

import dev.journeys.feedback.Satisfaction;
import dev.journeys.notify.SentMessages;
import dev.journeys.orders.DeliveryHonesty;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Times what the customer satisfaction and delivery honesty pages read, over N seeded orders
 * (ResultsSeedCsat), for the default period (the last 28 days): each page's queries run
 * {@code --repeats} times after a warm-up, reporting p50 and p95. The pages' own work beyond these
 * queries (Thymeleaf) is small and not counted.
 *   bench/results-csat.sh [--orders=200000] [--repeats=40] [--db-url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres]
 * Without --db-url, an in-memory H2 database; an H2 file URL keeps the data for another run with
 * --seed=false. A PostgreSQL database must be empty (or a fresh schema): the migrations run first.
 */
public final class ResultsCsatBenchmark {

  private ResultsCsatBenchmark() {}

  public static void main(String[] args) {
    int orders = intArg(args, "--orders=", 200_000);
    int repeats = intArg(args, "--repeats=", 40);
    String url = stringArg(args, "--db-url=", null);
    DataSource ds = url == null ? h2("jdbc:h2:mem:results-bench;DB_CLOSE_DELAY=-1")
        : url.startsWith("jdbc:h2:") ? h2(url) : postgres(url);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    Instant now = Instant.now();
    long started = System.nanoTime();
    if (!"false".equals(stringArg(args, "--seed=", "true"))) {
      long[] rows = ResultsSeedCsat.seed(ds, orders, now);
      System.out.printf("seeded %d orders, %d messages, %d ratings in %d s%n", rows[0], rows[1], rows[2],
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }
    if (url != null && url.startsWith("jdbc:postgresql:")) {
      JdbcClient.create(ds).sql("ANALYZE").update();
    }

    // One connection held open, as the app's pool does (and an H2 file stays open between queries).
    JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection(ds), true));
    SentMessages sent = new SentMessages(jdbc);
    Satisfaction satisfaction = new Satisfaction(jdbc, sent);
    DeliveryHonesty honesty = new DeliveryHonesty(jdbc);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    // The period moves back a day each run (of 7), so H2 cannot answer from its cache of the last result.
    int[] run = {0};
    Supplier<Instant> to = () -> today.plusDays(1 - (run[0]++ % 7)).atStartOfDay(ZoneOffset.UTC).toInstant();

    time("csat", repeats, () -> {
      Instant end = to.get();
      return satisfaction.report(end.minus(Duration.ofDays(28)), end, null, 20).ratings().total();
    });
    time("csat, of which the feedback requests count", repeats, () -> {
      Instant end = to.get();
      return sent.count(SentMessages.FEEDBACK_REQUEST, end.minus(Duration.ofDays(28)), end);
    });
    time("delivery", repeats, () -> {
      Instant end = to.get();
      DeliveryHonesty.Report report = honesty.report(end.minus(Duration.ofDays(28)), end, now);
      return report.alerts().alerted();
    });
  }

  private static void time(String page, int repeats, Supplier<Long> work) {
    for (int i = 0; i < 5; i++) {
      work.get();
    }
    List<Long> millis = new ArrayList<>();
    long answer = 0;
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      answer = work.get();
      millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
    Collections.sort(millis);
    System.out.printf("%s: p50 %d ms, p95 %d ms, max %d ms (%d runs; %d counted)%n", page,
        millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
        millis.get(millis.size() - 1), repeats, answer);
  }

  private static DataSource h2(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");
    return h2;
  }

  private static java.sql.Connection connection(DataSource ds) {
    try {
      return ds.getConnection();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DataSource postgres(String url) {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(url);
    return pg;
  }

  private static int intArg(String[] args, String prefix, int fallback) {
    String value = stringArg(args, prefix, null);
    return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
  }

  private static String stringArg(String[] args, String prefix, String fallback) {
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return arg.substring(prefix.length());
      }
    }
    return fallback;
  }
}
