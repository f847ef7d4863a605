package dev.journeys.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three app processes on one PostgreSQL database, as docs/SCALING.md describes: the first runs the
 * embedded engine, the other two run in camunda mode against its gateway. Orders arrive round-robin,
 * the third is killed with kill -9 in the middle of the load, and then: every order is confirmed
 * exactly once, no message goes out twice, the periodic tasks run once per period across the
 * instances, and a fourth process that would start a second embedded engine on the same database is
 * refused. Needs the PostgreSQL server named by JOURNEYS_TEST_POSTGRES_URL; skipped, saying so,
 * without it.
 */
class ScaleOutTest {

  private static final String POSTGRES = "JOURNEYS_TEST_POSTGRES_URL";
  private static final int ORDERS = 30;
  private static final int KILL_AFTER = 12;
  private static final Duration HELD_POLL = Duration.ofMillis(500);
  private static final String HELD_RUNS = "journeys_periodic_runs_total";
  private static final String HELD_TASK = "task=\"held-messages\"";

  /** Who holds the held-message task's lock now, or null (ShedLock writes UTC by the database's clock). */
  private static String heldMessagesLockHolder(RunDatabase db) throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement select = connection.prepareStatement(
            "SELECT locked_by FROM shedlock WHERE name = ? AND lock_until > timezone('utc', CURRENT_TIMESTAMP)")) {
      select.setString(1, "held-messages");
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  @Test
  void threeInstancesShareTheWorkAndEachOrderIsConfirmedOnce(@TempDir Path dir) throws Exception {
    String admin = System.getenv(POSTGRES);
    Assumptions.assumeTrue(admin != null && !admin.isBlank(),
        POSTGRES + " not set: the scale-out test needs a PostgreSQL server that several app processes share, "
            + "e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    try (RunDatabase db = RunDatabase.postgres(admin); RunMail mail = new RunMail()) {
      mail.start();
      Map<String, String> shared = ScaleOut.settings(db, mail, HELD_POLL);
      // Three pools of the app's 40 would take more than a default server's 100 connections; the
      // test's 30 orders need a few each, and the suite's other PostgreSQL tests run beside it.
      shared.put("spring.datasource.hikari.maximum-pool-size", "12");
      try (ScaleOut apps = ScaleOut.start(dir, "scale", 3, shared, AppProcess.QUICK_START)) {
        List<String> emails = new ArrayList<>();
        Map<AppProcess, Double> heldRunsBefore = new LinkedHashMap<>();
        long windowStart = 0;
        long killedPid = apps.instance(2).pid();
        for (int i = 0; i < ORDERS; i++) {
          if (i == KILL_AFTER) {
            // Mid-load: the third dies holding whatever it had claimed (inbox events, jobs, sends).
            apps.kill(apps.instance(2));
            windowStart = System.nanoTime();
            for (AppProcess survivor : apps.live()) {
              heldRunsBefore.put(survivor, apps.metric(survivor, HELD_RUNS, HELD_TASK));
            }
          }
          String email = "scale-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
          emails.add(email);
          assertThat(apps.deliver(i, ScaleOut.order(email))).as("an instance accepted order %d", i).isTrue();
        }

        Map<String, List<RunMail.Delivery>> received = new LinkedHashMap<>();
        await("a confirmation for each of the " + ORDERS + " orders").atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> {
              mail.takeNew().forEach(d -> received.computeIfAbsent(d.to(), k -> new ArrayList<>()).add(d));
              return emails.stream().allMatch(received::containsKey);
            });
        // A fourth process that would run a second embedded engine on this database is refused; it
        // starts while the window for duplicates below runs, since that window is only waiting.
        long duplicateWindow = System.nanoTime();
        Throwable refused = catchThrowable(() -> AppProcess.start(dir.resolve("second-engine"), "scale-second-engine", shared).close());
        // Past the send and job leases of what the killed instance held (10 s): a second send would be in by now.
        Duration leases = Duration.ofSeconds(12).minusNanos(System.nanoTime() - duplicateWindow);
        if (leases.isPositive()) {
          Thread.sleep(leases);
        }
        mail.takeNew().forEach(d -> received.computeIfAbsent(d.to(), k -> new ArrayList<>()).add(d));

        Map<String, Long> confirmations = emails.stream().collect(Collectors.toMap(Function.identity(),
            e -> received.getOrDefault(e, List.of()).stream().filter(d -> d.subject().contains("confirmed")).count()));
        assertThat(confirmations).as("confirmations per customer").allSatisfy((e, n) -> assertThat(n).isEqualTo(1L));
        List<String> ids = received.values().stream().flatMap(List::stream).map(RunMail.Delivery::messageId).toList();
        assertThat(ids).as("no message twice").doesNotHaveDuplicates();
        assertThat(apps.metric(apps.instance(1), "journeys_messages_total", "outcome=\"sent\""))
            .as("the second instance's workers sent messages too: the instances share the work").isPositive();

        double seconds = (System.nanoTime() - windowStart) / 1e9;
        double runs = 0;
        for (AppProcess survivor : apps.live()) {
          runs += apps.metric(survivor, HELD_RUNS, HELD_TASK) - heldRunsBefore.get(survivor);
        }
        // Each instance ticks every 500 ms; the lock is held for 400 ms of each period at least.
        int live = apps.live().size();
        double oncePerPeriod = seconds / (HELD_POLL.toMillis() * 0.8 / 1000) + 2;
        double everyTick = live * seconds / (HELD_POLL.toMillis() / 1000.0);
        System.out.printf("held-message runs of the %d live instances over %.1f s: %.0f (once per period: at most %.0f; "
            + "every tick of each: about %.0f)%n", live, seconds, runs, oncePerPeriod, everyTick);
        assertThat(runs).as("held-message runs of the live instances over %.1f s", seconds)
            .isLessThanOrEqualTo(oncePerPeriod).isLessThan(everyTick * 0.8);
        String holder = heldMessagesLockHolder(db);
        if (holder != null && holder.endsWith(" pid " + killedPid)) {
          // The third died in the middle of a run (more likely on a busy machine): its lock is free
          // only after the task's longest run (HeldMessages, 5 minutes), so the others rightly wait.
          assertThat(runs).as("held-message runs while the killed instance's lock holds").isZero();
        } else {
          assertThat(runs).as("held-message runs of the live instances over %.1f s", seconds).isPositive();
        }

        assertThat(refused).as("a second embedded engine on the same database").isNotNull();
        assertThat(refused.getMessage()).contains("Expected to be the only engine writing to this database");
      }
    }
  }
}
