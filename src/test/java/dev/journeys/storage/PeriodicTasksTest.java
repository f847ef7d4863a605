package dev.journeys.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.journeys.MigratedDatabase;
import dev.journeys.engine.PostgresSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two app instances on one database tick the same periodic task: it runs in one of them per
 * period, and a task whose instance stalled is taken over once its longest run has passed. On H2
 * and, where JOURNEYS_TEST_POSTGRES_URL names a server, on PostgreSQL.
 */
class PeriodicTasksTest {

  // Long enough that two ticks made one after the other fall in one period on a busy machine.
  private static final Duration PERIOD = Duration.ofSeconds(1);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void onH2() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:tasks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    scenarios(h2);
  }

  @Test
  void onPostgres() throws Exception {
    PostgresSchema schema = PostgresSchema.create();
    try (HikariDataSource pool = MigratedDatabase.pool(schema.dataSource(), "periodic-tasks")) {
      scenarios(pool);
    } finally {
      schema.drop();
    }
  }

  private void scenarios(DataSource db) throws Exception {
    new JdbcTemplate(db).execute(Files.readString(Path.of("src/main/resources/db/migration/V90__scheduled_task_locks.sql")));
    PeriodicTasks a = new PeriodicTasks(db, "instance a", meters);
    PeriodicTasks b = new PeriodicTasks(db, "instance b", meters);
    oneRunPerPeriodWhenBothTickAtOnce(a, b);
    theOtherInstanceRunsItInTheNextPeriod(a, b);
    aStalledRunIsTakenOverAfterItsLongestRun(a, b);
  }

  private void oneRunPerPeriodWhenBothTickAtOnce(PeriodicTasks a, PeriodicTasks b) throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Boolean>> ticks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      PeriodicTasks instance = i % 2 == 0 ? a : b;
      ticks.add(CompletableFuture.supplyAsync(() -> {
        awaitQuietly(start);
        return instance.runOnce("together", Duration.ofMinutes(1), Duration.ofMinutes(5), runs::incrementAndGet);
      }));
    }
    start.countDown();
    long ran = 0;
    for (CompletableFuture<Boolean> tick : ticks) {
      ran += tick.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    assertThat(runs).hasValue(1);
    assertThat(ran).isEqualTo(1);
    assertThat(meters.counter("journeys.periodic.runs", "task", "together").count()).isEqualTo(1.0);
  }

  private void theOtherInstanceRunsItInTheNextPeriod(PeriodicTasks a, PeriodicTasks b) {
    AtomicInteger runs = new AtomicInteger();
    assertThat(a.runOnce("turns", PERIOD, Duration.ofMinutes(5), runs::incrementAndGet)).isTrue();
    assertThat(b.runOnce("turns", PERIOD, Duration.ofMinutes(5), runs::incrementAndGet))
        .as("ticking just after a's run, in the same period").isFalse();
    assertThat(a.runOnce("turns", PERIOD, Duration.ofMinutes(5), runs::incrementAndGet)).isFalse();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> b.runOnce("turns", PERIOD, Duration.ofMinutes(5), runs::incrementAndGet));
    assertThat(runs).hasValue(2);
  }

  private void aStalledRunIsTakenOverAfterItsLongestRun(PeriodicTasks a, PeriodicTasks b) throws Exception {
    Duration longest = Duration.ofSeconds(4);
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> stuck = CompletableFuture.supplyAsync(() -> a.runOnce("stalls", PERIOD, longest, () -> {
      stalled.countDown();
      awaitQuietly(release);
    }));
    assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
    AtomicInteger taken = new AtomicInteger();
    // Past its period, but a still runs it: b keeps away until the longest run has passed.
    Thread.sleep(PERIOD.toMillis() * 2);
    assertThat(b.runOnce("stalls", PERIOD, longest, taken::incrementAndGet)).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> b.runOnce("stalls", PERIOD, longest, taken::incrementAndGet));
    assertThat(taken).hasValue(1);
    release.countDown();
    assertThat(stuck.get(10, TimeUnit.SECONDS)).isTrue();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
