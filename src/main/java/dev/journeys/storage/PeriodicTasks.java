package dev.journeys.storage;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a periodic task in one app instance per period, when several instances share the database.
 * Each task has a lock row (table {@code shedlock}, kept by ShedLock); the instance whose tick
 * takes it runs the task, the others skip that tick. The lock is held for at least most of the
 * period, so the instances' ticks, which are not in step, do not run it again in the same period,
 * and for at most {@code atMostFor}, so a task whose instance died is run by another one then.
 * Times are the database's, so the instances' clocks need not agree.
 */
@Component
public class PeriodicTasks {

  private final LockingTaskExecutor executor;
  private final String instance;
  private final MeterRegistry meters;

  @Autowired
  PeriodicTasks(DataSource dataSource, MeterRegistry meters) {
    this(dataSource, defaultInstanceName(), meters);
  }

  /**
   * @param instance names this instance in the lock rows (host and pid by default)
   * @param meters counts the runs of each task in this instance ({@code journeys.periodic.runs})
   */
  public PeriodicTasks(DataSource dataSource, String instance, MeterRegistry meters) {
    this.instance = instance;
    this.meters = meters;
    this.executor = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(
        JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .withLockedByValue(instance)
            .usingDbTime()
            .build()));
  }

  /**
   * Runs the task now unless another instance runs it, or ran it less than most of a period ago.
   *
   * @param name the task's lock row, e.g. {@code held-messages}
   * @param period how often each instance ticks
   * @param atMostFor longer than the task can take: a lock of an instance that died is free after it
   * @return whether this instance ran it
   */
  public boolean runOnce(String name, Duration period, Duration atMostFor, Runnable task) {
    // Ticks drift: an instance that ticks a little after the last run must find the lock still held.
    Duration atLeastFor = period.multipliedBy(4).dividedBy(5);
    LockingTaskExecutor.TaskResult<Boolean> result = runQuietly(
        new LockConfiguration(Instant.now(), name, atMostFor.compareTo(atLeastFor) > 0 ? atMostFor : period, atLeastFor),
        task);
    if (result.wasExecuted()) {
      meters.counter("journeys.periodic.runs", "task", name).increment();
    }
    return result.wasExecuted();
  }

  private LockingTaskExecutor.TaskResult<Boolean> runQuietly(LockConfiguration lock, Runnable task) {
    try {
      return executor.executeWithLock(() -> {
        task.run();
        return Boolean.TRUE;
      }, lock);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("Periodic task " + lock.getName() + " failed", t);
    }
  }

  /** The name this instance writes into the lock rows. */
  public String instance() {
    return instance;
  }

  private static String defaultInstanceName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return host + " pid " + ProcessHandle.current().pid();
  }
}
